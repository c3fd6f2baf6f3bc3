using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The failure matrix (issue 16, item 2) on the embedded runtime (Standalone on Kestrel, virtual clock). Nothing is
/// declared by hand: each saga's happy path runs once with a 1 ms latency probe on every participant operation, and the
/// operations it triggered are its step points; each step point is then failed permanently, and the operations that
/// run only then are its compensation points. Every point × fault class is one cell on a fresh engine, and each cell
/// asserts the saga invariants. <c>SAGA_MATRIX=full</c> adds more fault classes on compensations.
/// </summary>
public class FailureMatrixTests(ITestOutputHelper output)
{
    private static readonly string[] Successes = ["completed", "confirmed", "deployed", "paid"];

    private static readonly bool Full = string.Equals(Environment.GetEnvironmentVariable("SAGA_MATRIX"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Step fault classes: how the participant misbehaves on the step's operation.</summary>
    private static readonly Fault[] StepFaults =
    [
        new("business rejection", "reject", null),
        new("transient ×2, then success", "transient", 2),
        new("permanent failure", "permanent", null),
        new("in doubt: applied, answer lost every time", "lost", 1000),
        new("applied, answer lost once", "lost", 1),
    ];

    private static readonly Fault[] CompensationFaults = Full
        ?
        [
            new("permanent failure", "permanent", null),
            new("transient ×2, then success", "transient", 2),
            new("applied, answer lost once", "lost", 1),
            new("business rejection", "reject", null),
        ]
        : [new("permanent failure", "permanent", null), new("applied, answer lost once", "lost", 1)];

    public static TheoryData<string> Sagas => [.. BadInputCorpus.ValidBodies.Keys];

    /// <summary>The sagas run on the real Durable Task engine too (FunctionApp's functions), step faults only: a subset.</summary>
    public static TheoryData<string> RealEngineSagas => ["order", "money-transfer"];

    [Theory]
    [MemberData(nameof(Sagas))]
    public Task FailureMatrix_EveryStepAndCompensationTimesEveryFault_KeepsTheSagaInvariants(string saga) =>
        RunMatrixAsync(saga, "embedded", async () => await EmbeddedEngine.StartAsync(), withCompensations: true);

    [Theory]
    [MemberData(nameof(RealEngineSagas))]
    public Task FailureMatrix_OnTheRealDurableEngine_EveryStepTimesEveryFault_KeepsTheSagaInvariants(string saga) =>
        RunMatrixAsync(saga, "durable", async () => await DurableEngine.StartAsync(), withCompensations: false);

    private async Task RunMatrixAsync(string saga, string engineName, Func<Task<ISagaEngine>> start, bool withCompensations)
    {
        var happy = await RunCellAsync(start, saga, []);
        Assert.True(happy.Status is not null && Successes.Contains(happy.Status), $"{saga}: the happy path ended {happy.Status}: {happy.View}");
        var steps = happy.Triggered.Keys.Order(StringComparer.Ordinal).ToList();

        var rows = new ConcurrentBag<Row>();
        var compensationPoints = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(2);
        async Task Cell(string fault, string point, IReadOnlyList<(string Point, Fault Fault)> faults)
        {
            await gate.WaitAsync();
            try
            {
                var result = await RunCellAsync(start, saga, faults);
                var violations = Check(saga, result, happy, faults);
                rows.Add(new Row(engineName == "embedded" ? saga : $"{saga} (durable)", fault, point, result.Outcome, violations));
                if (faults.Count == 1 && faults[0].Fault.Mode == "permanent")
                {
                    foreach (var extra in result.Triggered.Keys.Where(k => !happy.Triggered.ContainsKey(k)))
                    {
                        compensationPoints.TryAdd(extra, point);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(steps.SelectMany(step => StepFaults.Select(f => Cell(f.Name, $"step {step}", [(step, f)]))));

        // Compensation points: an operation that only ran after a step failed; fail it while that step fails.
        var permanent = StepFaults.Single(f => f.Mode == "permanent");
        await Task.WhenAll(compensationPoints.Where(_ => withCompensations).SelectMany(c => CompensationFaults.Select(f =>
            Cell(f.Name, $"compensation {c.Key} (after {c.Value} fails)", [(c.Value[5..], permanent), (c.Key, f)]))));

        var table = Table(rows);
        output.WriteLine(table);
        var folder = Path.Combine(Path.GetTempPath(), "saga-failure-matrix");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{engineName}-{saga}.md"), table);
        var failures = rows.Where(r => r.Violations.Count > 0).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failing cells:\n" + string.Join("\n", failures.Select(f => $"{f.Fault} @ {f.Point}: {string.Join("; ", f.Violations)}")));
        Assert.NotEmpty(steps);
    }

    /// <summary>The invariants of one cell (issue 16): each broken one is a violation.</summary>
    private static List<string> Check(string saga, CellResult result, CellResult happy, IReadOnlyList<(string Point, Fault Fault)> faults)
    {
        var violations = new List<string>();
        if (result.Status is null)
        {
            violations.Add($"no terminal saga status (runtime {result.RuntimeStatus})");
            return violations;
        }

        var output = result.View.GetProperty("output");
        var compensations = output.TryGetProperty("compensations", out var c) && c.ValueKind == JsonValueKind.Array ? [.. c.EnumerateArray()] : new List<JsonElement>();
        var completed = result.View.GetProperty("progress").GetProperty("completedSteps").EnumerateArray().Select(s => s.GetString()!).ToList();
        var succeeded = Successes.Contains(result.Status);
        var deadLettered = compensations.Count(x => x.GetProperty("status").GetString() == "dead_lettered");

        // Compensations: the in-doubt step's first, then completed steps in reverse (parallel groups: any order).
        var inDoubt = compensations.TakeWhile(x => x.GetProperty("stepWasInDoubt").GetBoolean()).Count();
        if (compensations.Skip(inDoubt).Any(x => x.GetProperty("stepWasInDoubt").GetBoolean()) && saga != "batch")
        {
            violations.Add("an in-doubt step's compensation ran after a completed step's");
        }

        var compensatedSteps = compensations.Skip(inDoubt).Select(x => x.GetProperty("step").GetString()!).ToList();
        var reversed = Enumerable.Reverse(completed).ToList();
        if (compensatedSteps.Any(s => !completed.Contains(s, StringComparer.Ordinal)))
        {
            violations.Add($"a compensation undid a step that did not complete: [{string.Join(", ", compensatedSteps)}] vs completed [{string.Join(", ", completed)}]");
        }
        else if (saga != "batch" && !IsSubsequence(compensatedSteps, reversed))
        {
            violations.Add($"compensations not in reverse order: [{string.Join(", ", compensatedSteps)}] vs completed [{string.Join(", ", completed)}]");
        }

        if (succeeded && compensations.Count > 0)
        {
            violations.Add($"ended {result.Status} but compensated {compensations.Count} steps");
        }

        // Money is conserved (unless a compensation is dead-lettered); on success the participants hold what the happy path left (no effect applied twice), otherwise
        // what they started with — unless a compensation is dead-lettered (then an operator owes the rest).
        // A dead-lettered compensation (e.g. a reversal that could not run) leaves its amount with the dead letter.
        if (deadLettered == 0 && result.State.TotalBalance != happy.State.TotalBalance)
        {
            violations.Add($"money not conserved: {result.State.TotalBalance} vs {happy.State.TotalBalance}");
        }

        if (succeeded && result.State.Text != happy.State.Text)
        {
            violations.Add($"succeeded but participants differ from the happy path: {result.State.Text} vs {happy.State.Text}");
        }
        else if (!succeeded && deadLettered == 0 && result.State.Text != Seed.Text)
        {
            violations.Add($"ended {result.Status} but stock/seats/balances are not back: {result.State.Text} vs {Seed.Text}");
        }

        // A dead letter exactly when a compensation failed permanently.
        if (deadLettered != result.DeadLetters)
        {
            violations.Add($"{deadLettered} dead-lettered compensations but {result.DeadLetters} dead letters");
        }

        var compensationFault = faults.Skip(1).FirstOrDefault();
        // An operation that only runs after a failure is a compensation (then it must be dead-lettered) or a best-effort
        // side operation such as the deployment's log collection (then the output must report its error): never silent.
        if (compensationFault.Fault is { Mode: "permanent" or "reject" } && result.Triggered.GetValueOrDefault(compensationFault.Point) > 0
            && deadLettered == 0 && !output.GetRawText().Contains("Injected", StringComparison.Ordinal))
        {
            violations.Add($"{compensationFault.Point} failed permanently but was neither dead-lettered nor reported in the output");
        }

        if (compensationFault.Fault is { Mode: "transient" or "lost" } && deadLettered > 0)
        {
            violations.Add($"{compensationFault.Point} recovered but a dead letter was written");
        }

        return violations;
    }

    private static bool IsSubsequence(List<string> part, List<string> whole)
    {
        var i = 0;
        foreach (var item in whole)
        {
            if (i < part.Count && part[i] == item)
            {
                i++;
            }
        }

        return i == part.Count;
    }

    /// <summary>Seed state of the participants (a fresh engine): what a failed saga must leave behind.</summary>
    private static ParticipantState Seed { get; set; } = new(string.Empty, 0);

    private static async Task<CellResult> RunCellAsync(Func<Task<ISagaEngine>> start, string saga, IReadOnlyList<(string Point, Fault Fault)> faults)
    {
        await using var engine = await start();
        var run = new SagaRun(engine);
        var seed = await StateAsync(engine);
        if (Seed.Text.Length == 0)
        {
            Seed = seed;
        }

        foreach (var (service, operations) in Participants.Client.ParticipantCatalog.Operations)
        {
            foreach (var operation in operations)
            {
                await run.PostAsync("/participants/faults", new { service, operation, mode = "latency", latencyMs = 1 }, 201);
            }
        }

        foreach (var (point, fault) in faults)
        {
            var (service, operation) = (point.Split('/')[0], point.Split('/')[1]);
            await run.PostAsync("/participants/faults", new { service, operation, mode = fault.Mode, count = fault.Count }, 201);
        }

        const string Id = "matrix-1";
        await run.SendAsync(HttpMethod.Post, $"/api/sagas/{saga}/{Id}", BadInputCorpus.ValidBodies[saga]);
        JsonElement view = default;
        var raised = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 400; i++)
        {
            await engine.IdleAsync();
            view = (await engine.SendAsync(HttpMethod.Get, $"/api/sagas/{saga}/{Id}")).Json;
            if (view.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                break;
            }

            if (view.GetProperty("waitingFor") is { ValueKind: JsonValueKind.Object } waiting && raised.Add(waiting.GetProperty("event").GetString()!))
            {
                var name = waiting.GetProperty("event").GetString()!;
                var payload = name == "payment" ? """{"succeeded":true,"paymentId":"PAY-MATRIX"}""" : """{"approved":true,"approver":"matrix"}""";
                await engine.SendAsync(HttpMethod.Post, $"/api/sagas/{saga}/{Id}/events/{name}", payload);
                continue;
            }

            await engine.AdvanceAsync();
        }

        var triggered = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rule in (await engine.SendAsync(HttpMethod.Get, "/participants/faults")).Json.EnumerateArray())
        {
            if (rule.GetProperty("mode").GetString() == "latency" && rule.GetProperty("triggered").GetInt64() > 0)
            {
                triggered[$"{rule.GetProperty("service").GetString()}/{rule.GetProperty("operation").GetString()}"] = rule.GetProperty("triggered").GetInt64();
            }
        }

        var deadLetters = (await engine.SendAsync(HttpMethod.Get, "/api/dead-letters")).Json;
        var deadLetterCount = (deadLetters.ValueKind == JsonValueKind.Array ? deadLetters : deadLetters.GetProperty("items"))
            .EnumerateArray().Count(d => d.GetProperty("instanceId").GetString() == Id);
        var output = view.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        var status = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("status", out var s) ? s.GetString() : null;
        return new CellResult(view, view.GetProperty("runtimeStatus").GetString()!, status, triggered, deadLetterCount, await StateAsync(engine));
    }

    private static async Task<ParticipantState> StateAsync(ISagaEngine engine)
    {
        var accounts = (await engine.SendAsync(HttpMethod.Get, "/participants/accounts")).Json;
        var text = new StringBuilder(accounts.GetRawText());
        foreach (var sku in new[] { "ITEM-001", "ITEM-002", "ITEM-003" })
        {
            text.Append(' ').Append((await engine.SendAsync(HttpMethod.Get, $"/participants/inventory/{sku}")).Body);
        }

        foreach (var seat in (await engine.SendAsync(HttpMethod.Get, "/participants/seats/EVT-001")).Json.GetProperty("seats").EnumerateArray())
        {
            text.Append(' ').Append(seat.GetProperty("seatId").GetString()).Append('=').Append(seat.GetProperty("state").GetString());
        }

        var total = accounts.EnumerateArray().Sum(a => a.GetProperty("balance").GetDecimal());
        return new ParticipantState(text.ToString(), total);
    }

    private static string Table(IEnumerable<Row> rows)
    {
        var text = new StringBuilder("| saga | fault | point | outcome | invariants |\n|---|---|---|---|---|\n");
        foreach (var row in rows.OrderBy(r => r.Point, StringComparer.Ordinal).ThenBy(r => r.Fault, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Saga} | {row.Fault} | {row.Point} | {row.Outcome} | {(row.Violations.Count == 0 ? "ok" : "**" + string.Join("; ", row.Violations).Replace('|', '/') + "**")} |\n");
        }

        return text.ToString();
    }

    private sealed record Fault(string Name, string Mode, int? Count);

    private sealed record Row(string Saga, string Fault, string Point, string Outcome, List<string> Violations);

    private sealed record ParticipantState(string Text, decimal TotalBalance);

    private sealed record CellResult(JsonElement View, string RuntimeStatus, string? Status, Dictionary<string, long> Triggered, int DeadLetters, ParticipantState State)
    {
        public string Outcome
        {
            get
            {
                if (Status is null)
                {
                    return RuntimeStatus;
                }

                var compensations = View.GetProperty("output").TryGetProperty("compensations", out var c) ? c.GetArrayLength() : 0;
                return $"{Status} ({View.GetProperty("phase").GetString()}; {compensations} compensated{(DeadLetters > 0 ? $"; {DeadLetters} dead letter" : string.Empty)})";
            }
        }
    }
}
