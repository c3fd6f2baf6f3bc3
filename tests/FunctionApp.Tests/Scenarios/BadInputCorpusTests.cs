using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// Both hosts, started once for the corpus, each with a ticketing saga waiting for its payment, an insurance claim waiting
/// for its approval and one dead letter (an order whose refund failed), so events, cancel, terminate and dead-letter routes
/// have something real to refuse bad input for.
/// </summary>
public sealed class CorpusEngines : IAsyncLifetime
{
    private readonly Dictionary<string, (ISagaEngine Engine, string DeadLetter)> _engines = [];

    internal (ISagaEngine Engine, string DeadLetter) this[string name] => _engines[name];

    public async Task InitializeAsync()
    {
        foreach (var engine in new ISagaEngine[] { await EmbeddedEngine.StartAsync(), await DurableEngine.StartAsync() })
        {
            var run = new SagaRun(engine);
            await run.FaultAsync("inventory", "reserve");
            await run.FaultAsync("payments", "refund");
            var output = await run.RunAsync("order", "corpus-dead-letter", OrderScenarios.Order("corpus-dead-letter"), "failed", "ReleaseInventory", "RefundPayment");
            await run.ClearFaultsAsync();

            // Started last: running the order to its end let virtual time pass, which would expire the seat hold.
            await run.StartAsync("ticketing", BadInputCorpus.WaitingTicket, new { bookingId = "BK-W", eventId = "EVT-001", seatIds = new[] { "A20" }, customerId = "cust-1", totalAmount = 50m });
            await run.StartAsync("insurance-claim", BadInputCorpus.WaitingClaim, new { claimId = "CLM-W", policyId = "POL-1", customerId = "cust-1", amount = 100m, description = "hail" });
            _engines[engine.Name] = (engine, Assert.Single(ScenarioSteps.DeadLetters(output)));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (engine, _) in _engines.Values)
        {
            await engine.DisposeAsync();
        }
    }
}

/// <summary>
/// The bad-input corpus (<see cref="BadInputCorpus"/>) on both hosts: every case must be answered 4xx with RFC 9457 problem
/// details naming the field, and must change nothing — instances, dead letters, the waiting sagas, balances, stock, seats
/// and faults are read before and after each request.
/// </summary>
public class BadInputCorpusTests(CorpusEngines engines) : IClassFixture<CorpusEngines>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in BadInputCorpus.All)
        {
            data.Add("embedded", input.Name);
            if (input.Hosts is not (CorpusHosts.StandaloneOnly or CorpusHosts.ServerRejected))
            {
                data.Add("durable", input.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_OnEveryRoute_Answers4xxProblemNamingTheFieldAndChangesNothing(string engineName, string name)
    {
        var (engine, deadLetter) = engines[engineName];
        var input = BadInput(name);
        var path = input.Path.Replace("{deadLetter}", Uri.EscapeDataString(deadLetter), StringComparison.Ordinal);
        var before = await SnapshotAsync(engine);

        var answer = await engine.SendRawAsync(new HttpMethod(input.Method), path, input.Body, input.ContentType, input.Headers);
        await engine.IdleAsync();

        var after = await SnapshotAsync(engine);
        Assert.True(before == after, $"{engineName}: '{name}' changed state.\nbefore: {before}\nafter:  {after}");
        if (engineName == "durable" && input.Hosts == CorpusHosts.HostRoutedInFunctionApp)
        {
            // No function matches: the Functions host answers (404, empty body), not FunctionApp's code.
            Assert.True(answer.Status == 404 && answer.Body.Length == 0, $"durable: '{name}' answered {answer}");
            return;
        }

        if (input.Hosts == CorpusHosts.ServerRejected)
        {
            // Kestrel refuses the path before routing: 400 with an empty body, and no code of ours ran.
            Assert.True(answer.Status == 400, $"{engineName}: '{name}' answered {answer}");
            return;
        }

        Assert.True(input.Statuses.Contains(answer.Status), $"{engineName}: '{name}' answered {answer} (expected {string.Join(" or ", input.Statuses)})");
        Assert.True(answer.ContentType == "application/problem+json", $"{engineName}: '{name}' answered {answer.ContentType}: {answer}");
        var problem = answer.Json;
        Assert.Equal(answer.Status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{engineName}: '{name}' has no title: {answer}");
        if (input.Field is { } field)
        {
            Assert.True(
                problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"{engineName}: '{name}' does not name '{field}': {answer}");
        }
    }

    [Fact]
    public void Corpus_CoversEverySagaAndRoute_HasHundredsOfCases()
    {
        var names = BadInputCorpus.All.Select(c => c.Name).ToList();
        foreach (var saga in BadInputCorpus.ValidBodies.Keys)
        {
            Assert.Contains(names, n => n.StartsWith($"start {saga}: ", StringComparison.Ordinal));
        }

        foreach (var route in new[] { "list", "event", "cancel", "terminate", "retry", "dead letter", "wrong method", "participants", "webhook", "view" })
        {
            Assert.Contains(names, n => n.StartsWith(route, StringComparison.Ordinal));
        }

        Assert.InRange(names.Count, 300, 5000);
    }

    private static BadInput BadInput(string name) => BadInputCorpus.All.Single(c => c.Name == name);

    /// <summary>Everything a bad request must not change, as one string.</summary>
    private static async Task<string> SnapshotAsync(ISagaEngine engine)
    {
        var parts = new List<string>();
        async Task<JsonElement> Read(string path)
        {
            var answer = await engine.SendAsync(HttpMethod.Get, path);
            Assert.True(answer.Status == 200, $"{engine.Name}: GET {path} answered {answer}");
            return answer.Json;
        }

        var list = await Read("/api/sagas?pageSize=1000");
        parts.Add("instances: " + string.Join(",", list.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("instanceId")}={i.GetProperty("runtimeStatus")}").Order(StringComparer.Ordinal)));
        foreach (var (saga, id) in new[] { ("ticketing", BadInputCorpus.WaitingTicket), ("insurance-claim", BadInputCorpus.WaitingClaim) })
        {
            var view = await Read($"/api/sagas/{saga}/{id}");
            var unconsumed = view.GetProperty("unconsumedEvents") is { ValueKind: JsonValueKind.Array } u ? u.GetArrayLength() : 0;
            parts.Add($"{id}: {view.GetProperty("runtimeStatus")} {view.GetProperty("phase")} {view.GetProperty("waitingFor")} unconsumed={unconsumed}");
        }

        var deadLetters = await Read("/api/dead-letters");
        parts.Add("dead letters: " + deadLetters.GetRawText().Length + ":" + string.Join(",", Items(deadLetters).Select(d => $"{d.GetProperty("id")}={d.GetProperty("status")}")));
        parts.Add("accounts: " + (await Read("/participants/accounts")).GetRawText());
        foreach (var sku in new[] { "ITEM-001", "ITEM-002", "ITEM-003" })
        {
            parts.Add(sku + ": " + (await Read($"/participants/inventory/{sku}")).GetRawText());
        }

        parts.Add("seats: " + (await Read("/participants/seats/EVT-001")).GetRawText());
        parts.Add("faults: " + (await Read("/participants/faults")).GetRawText());
        return string.Join(" | ", parts);
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();
}
