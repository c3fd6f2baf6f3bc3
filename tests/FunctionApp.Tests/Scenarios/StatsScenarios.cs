using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary><c>GET /api/sagas/stats</c> on both hosts: FunctionApp's <c>sagas/stats</c> function must win over <c>sagas/{saga}</c>.</summary>
public class StatsScenarios
{
    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("stats: one order completed, one compensated with a dead letter → counted by status, rate, dead letters", async r =>
        {
            await r.RunAsync("order", "s-1", OrderScenarios.Order("s-1"), "completed");
            await r.FaultAsync("shipping", "create");
            await r.FaultAsync("payments", "refund");
            await r.RunAsync("order", "s-2", OrderScenarios.Order("s-2"), "failed", "CancelShipment", "ReleaseInventory", "RefundPayment");

            var answer = await r.Engine.SendAsync(HttpMethod.Get, "/api/sagas/stats");
            Assert.True(answer.Status == 200, $"{r.Engine.Name}: stats answered {answer}");
            var stats = answer.Json;
            var order = stats.GetProperty("sagas").EnumerateArray().Single(s => s.GetProperty("saga").GetString() == "order");
            Assert.Equal(2, order.GetProperty("total").GetInt32());
            Assert.Equal(1, order.GetProperty("byStatus").GetProperty("completed").GetInt32());
            Assert.Equal(1, order.GetProperty("byStatus").GetProperty("failed").GetInt32());
            Assert.Equal(0.5, order.GetProperty("compensationRate").GetDouble());
            var duration = order.GetProperty("durationMs");
            Assert.True(duration.GetProperty("p50").GetDouble() <= duration.GetProperty("p95").GetDouble());
            Assert.True(duration.GetProperty("p95").GetDouble() <= duration.GetProperty("max").GetDouble());
            Assert.Equal(1, stats.GetProperty("deadLetters").GetProperty("open").GetInt32());

            // Durations depend on each engine's clock; the counts must agree.
            r.Observe("order", new { total = order.GetProperty("total"), byStatus = order.GetProperty("byStatus"), rate = order.GetProperty("compensationRate") });
            r.Observe("deadLetters", stats.GetProperty("deadLetters"));
            r.Observe("stuck", stats.GetProperty("stuck"));
            r.Observe("sagas", stats.GetProperty("sagas").EnumerateArray().Select(s => s.GetProperty("saga").GetString()).ToArray());

            // The list of one saga is still the list (the literal route did not take it over).
            var list = await r.Engine.SendAsync(HttpMethod.Get, "/api/sagas/order");
            Assert.True(list.Status == 200, $"{r.Engine.Name}: list answered {list}");
            Assert.Equal(2, list.Json.GetProperty("items").GetArrayLength());
        }),
        new("stats: a bad from/to → 400 naming the field", async r =>
        {
            foreach (var (query, field) in new[] { ("from=soon", "from"), ("to=2026-02-30T00:00:00Z", "to"), ("since=2026-01-01", "since") })
            {
                var answer = await r.Engine.SendAsync(HttpMethod.Get, $"/api/sagas/stats?{query}");
                Assert.True(answer.Status == 400, $"{r.Engine.Name}: stats?{query} answered {answer}");
                Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), $"{r.Engine.Name}: no '{field}' in {answer}");
                r.Observe(query, answer.Status);
            }
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    [Fact]
    public async Task StatsRoute_DurableEngineRouting_PrefersTheLiteralSegmentOverTheSagaParameter()
    {
        await using var engine = await DurableEngine.StartAsync();

        var stats = await engine.SendAsync(HttpMethod.Get, "/api/sagas/stats");
        var unknown = await engine.SendAsync(HttpMethod.Get, "/api/sagas/statz");

        Assert.Equal(200, stats.Status);
        Assert.Equal(JsonValueKind.Array, stats.Json.GetProperty("sagas").ValueKind);
        Assert.Equal(404, unknown.Status);
    }
}
