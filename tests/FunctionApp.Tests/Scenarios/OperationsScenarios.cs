using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.FunctionApp.Operations;
using SagaFunctions.Http.Operations;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The audit trail on both hosts (the same entries for the same actions), and FunctionApp's timer sweep (retention and
/// escalation) invoked on the real Durable Task engine.
/// </summary>
public class OperationsScenarios
{
    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("audit: cancel, dead-letter retry and resolve → one entry each, on /api/audit and the views", async r =>
        {
            await r.StartAsync("ticketing", "au-1", TicketingScenarios.Booking("au-1"));
            await r.PostAsync("/api/sagas/ticketing/au-1/cancel", new { reason = "customer called" }, 202);
            await r.RunToEndAsync("ticketing", "au-1");
            await r.FaultAsync("payments", "refund");
            await r.FaultAsync("inventory", "reserve");
            await r.RunAsync("order", "au-2", OrderScenarios.Order("au-2"), "failed", "ReleaseInventory", "RefundPayment");
            var letter = Uri.EscapeDataString("au-2:ChargePayment");
            await r.PostAsync($"/api/dead-letters/{letter}/retry", null, 202);
            for (var i = 0; i < 400 && (await r.Engine.SendAsync(HttpMethod.Get, $"/api/dead-letters/{letter}")).Json.GetProperty("status").GetString() == "retrying"; i++)
            {
                await r.Engine.AdvanceAsync();
                await r.Engine.IdleAsync();
            }

            await r.PostAsync($"/api/dead-letters/{letter}/resolve", new { note = "refunded by hand" }, 200);

            var all = (await r.GetAsync("/api/audit")).Json.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(["dead_letter_resolve", "dead_letter_retry", "cancel"], all.Select(e => e.GetProperty("action").GetString()));
            Assert.Equal("customer called", all[2].GetProperty("note").GetString());
            Assert.All(all, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("caller").ValueKind));
            var view = (await r.GetAsync($"/api/dead-letters/{letter}")).Json;
            Assert.Equal(2, view.GetProperty("audit").GetArrayLength());
            Assert.Equal(2, (await r.GetAsync("/api/audit?instanceId=au-2")).Json.GetProperty("items").GetArrayLength());
        }),
        new("retry now: a charge waiting out its backoff is retried at once → completed with no timer; 409/400/404/410; audited", async r =>
        {
            await r.PostAsync("/api/sagas/order/rn-1/retry", null, 404);
            await r.FaultAsync("payments", "charge", "transient", count: 1);
            await r.StartAsync("order", "rn-1", OrderScenarios.Order("rn-1"));
            // The running view is not observed: which engine lists unconsumed events differs (Durable does not).
            var running = (await r.Engine.SendAsync(HttpMethod.Get, "/api/sagas/order/rn-1")).Json;
            var retry = Assert.Single(running.GetProperty("retries").EnumerateArray());
            r.Observe("retry", retry.GetProperty("step"));
            Assert.Equal(("ChargePayment", 1), (retry.GetProperty("step").GetString(), retry.GetProperty("attempt").GetInt32()));
            var unknownField = await r.PostAsync("/api/sagas/order/rn-1/retry", new { colour = "red" }, 400);
            Assert.True(unknownField.Json.GetProperty("errors").TryGetProperty("colour", out _), $"{r.Engine.Name}: {unknownField}");

            await r.PostAsync("/api/sagas/order/rn-1/retry", new { note = "gateway is back" }, 202);
            // No timer is advanced: only the retry event can have ended the backoff wait.
            for (var i = 0; i < 400 && (await r.Engine.SendAsync(HttpMethod.Get, "/api/sagas/order/rn-1")).Json.GetProperty("runtimeStatus").GetString() != "Completed"; i++)
            {
                await r.Engine.IdleAsync();
            }

            var view = (await r.GetAsync("/api/sagas/order/rn-1")).Json;
            Assert.Equal("completed", view.GetProperty("status").GetString());
            Assert.Contains(view.GetProperty("progress").GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "retry_requested");
            await r.PostAsync("/api/sagas/order/rn-1/retry", null, 410);
            var entry = Assert.Single((await r.GetAsync("/api/audit?instanceId=rn-1")).Json.GetProperty("items").EnumerateArray());
            Assert.Equal("retry_step", entry.GetProperty("action").GetString());
            Assert.Equal("step ChargePayment attempt 2: gateway is back", entry.GetProperty("note").GetString());

            await r.StartAsync("ticketing", "rn-2", TicketingScenarios.Booking("rn-2"));
            var conflict = await r.PostAsync("/api/sagas/ticketing/rn-2/retry", null, 409);
            Assert.Equal("application/problem+json", conflict.ContentType);
            await r.PostAsync("/api/sagas/ticketing/rn-2/cancel", new { reason = "done" }, 202);
            await r.RunToEndAsync("ticketing", "rn-2");
        }),
        new("audit: bad filters → 400 naming the field", async r =>
        {
            foreach (var (query, field) in new[] { ("action=explode", "action"), ("limit=0", "limit"), ("from=soon", "from"), ("colour=red", "colour") })
            {
                var answer = await r.GetAsync($"/api/audit?{query}");
                Assert.True(answer.Status == 400, $"{r.Engine.Name}: audit?{query} answered {answer}");
                Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), $"{r.Engine.Name}: no '{field}' in {answer}");
            }
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    [Fact]
    public async Task Terminate_AppServicePrincipalHeader_IsTheAuditCaller()
    {
        await using var engine = await DurableEngine.StartAsync();
        await engine.SendAsync(HttpMethod.Post, "/api/sagas/ticketing/au-p", JsonSerializer.Serialize(TicketingScenarios.Booking("au-p"), ScenarioJson.Options));
        await engine.IdleAsync();

        var terminated = await engine.SendRawAsync(
            HttpMethod.Post, "/api/sagas/ticketing/au-p/terminate", "{}"u8.ToArray(), "application/json",
            new Dictionary<string, string> { ["x-ms-client-principal-name"] = "alice@contoso.com" });
        var entry = (await engine.SendAsync(HttpMethod.Get, "/api/audit?instanceId=au-p")).Json.GetProperty("items").EnumerateArray().Single();

        Assert.Equal(202, terminated.Status);
        Assert.Equal(("terminate", "alice@contoso.com"), (entry.GetProperty("action").GetString(), entry.GetProperty("caller").GetString()));
    }

    [Fact]
    public async Task SweepAsync_RealEngine_PurgesOldFinishedInstancesAndKeepsRunningOnes()
    {
        await using var engine = await DurableEngine.StartAsync();
        var run = new SagaRun(engine);
        await run.RunAsync("order", "sw-1", OrderScenarios.Order("sw-1"), "completed");
        await run.StartAsync("ticketing", "sw-2", TicketingScenarios.Booking("sw-2"));

        var early = await Sweeper(engine, TimeSpan.Zero).SweepAsync(engine.Host.Client, CancellationToken.None);
        var late = await Sweeper(engine, TimeSpan.FromDays(31)).SweepAsync(engine.Host.Client, CancellationToken.None);

        Assert.Equal(0, early.PurgedInstances);
        Assert.Equal(1, late.PurgedInstances);
        Assert.Equal(404, (await engine.SendAsync(HttpMethod.Get, "/api/sagas/order/sw-1")).Status);
        Assert.Equal(200, (await engine.SendAsync(HttpMethod.Get, "/api/sagas/ticketing/sw-2")).Status);
    }

    [Fact]
    public async Task SweepAsync_RealEngine_EscalatesAnOpenDeadLetterOnceThenPurgesItWhenResolved()
    {
        await using var engine = await DurableEngine.StartAsync();
        var run = new SagaRun(engine);
        await run.FaultAsync("payments", "refund");
        await run.FaultAsync("inventory", "reserve");
        await run.RunAsync("order", "sw-3", OrderScenarios.Order("sw-3"), "failed", "ReleaseInventory", "RefundPayment");
        var letter = Uri.EscapeDataString("sw-3:ChargePayment");

        var early = await Sweeper(engine, TimeSpan.Zero).SweepAsync(engine.Host.Client, CancellationToken.None);
        var due = await Sweeper(engine, TimeSpan.FromDays(1)).SweepAsync(engine.Host.Client, CancellationToken.None);
        var again = await Sweeper(engine, TimeSpan.FromDays(1)).SweepAsync(engine.Host.Client, CancellationToken.None);
        var escalated = (await engine.SendAsync(HttpMethod.Get, $"/api/dead-letters/{letter}")).Json;
        await run.PostAsync($"/api/dead-letters/{letter}/resolve", new { note = "refunded by hand" }, 200);
        var purged = await Sweeper(engine, TimeSpan.FromDays(91)).SweepAsync(engine.Host.Client, CancellationToken.None);

        Assert.Empty(early.Escalated);
        Assert.Equal("sw-3:ChargePayment", Assert.Single(due.Escalated));
        Assert.Empty(again.Escalated);
        Assert.Equal(JsonValueKind.String, escalated.GetProperty("escalatedAt").ValueKind);
        var outbox = (await engine.SendAsync(HttpMethod.Get, "/participants/notifications/outbox")).Json.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("subject").GetString()!.Contains("sw-3", StringComparison.Ordinal));
        Assert.Single(outbox);
        Assert.Equal(1, purged.PurgedDeadLetters);
        Assert.Equal(404, (await engine.SendAsync(HttpMethod.Get, $"/api/dead-letters/{letter}")).Status);
    }

    /// <summary>The timer function's sweep, its clock <paramref name="ahead"/> of now.</summary>
    internal static OperationsTimerFunctions Sweeper(DurableEngine engine, TimeSpan ahead)
    {
        var services = engine.Host.Services;
        return ActivatorUtilities.CreateInstance<OperationsTimerFunctions>(
            services, new ShiftedTime(ahead), services.GetRequiredService<IDeadLetterStore>(), services.GetRequiredService<DeadLetterEscalation>());
    }

    private sealed class ShiftedTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
