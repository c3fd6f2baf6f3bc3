using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Tracing;

/// <summary>Runs alone: the SagaFunctions activity source is process-wide, so every host's listener sees every span.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "tracing";
}

/// <summary>The SagaFunctions spans of real sagas on Kestrel: start, one per activity execution, trace context to the participants.</summary>
[Collection(TracingCollection.Name)]
public sealed class TracingEndToEndTests : IDisposable
{
    private const string GoodOrder = """{"orderId":"ORD-T","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""";
    private const string OutOfStockOrder = """{"orderId":"ORD-T2","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":30.00}""";
    private const string Claim = """{"claimId":"CLM-T","policyId":"POL-1","customerId":"C-1","amount":300.00,"description":"traced restart"}""";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Order_Completed_EmitsAStartSpanAndOneTaggedSpanPerStep()
    {
        await using var app = await TracedApp.StartAsync(_directory.Path);
        var id = await StartAsync(app, "order", GoodOrder);
        await WaitAsync(app, "order", id, v => v.GetProperty("runtimeStatus").GetString() == "Completed");

        var spans = app.SpansOf(id);
        var start = Assert.Single(spans, s => s.OperationName == SagaTracing.StartSpanName);
        Assert.Equal("order", start.GetTagItem("saga"));
        var steps = spans.Where(s => s.OperationName.StartsWith(SagaTracing.ActivitySpanPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [nameof(OrderActivities.ChargePayment), nameof(OrderActivities.CreateShipment), nameof(OrderActivities.ReserveInventory), nameof(OrderActivities.SendConfirmation)],
            steps.Select(s => (string)s.GetTagItem("step")!).Order(StringComparer.Ordinal));
        Assert.All(steps, s =>
        {
            Assert.Equal("order", s.GetTagItem("saga"));
            Assert.Equal("step", s.GetTagItem("kind"));
            Assert.Equal("succeeded", s.GetTagItem("result"));
            Assert.Equal(s.GetTagItem("step"), s.GetTagItem("activity"));
        });
    }

    [Fact]
    public async Task Order_Rejected_TagsTheRejectionAndTheCompensation()
    {
        await using var app = await TracedApp.StartAsync(_directory.Path);
        var id = await StartAsync(app, "order", OutOfStockOrder);
        await WaitAsync(app, "order", id, v => v.GetProperty("runtimeStatus").GetString() == "Completed");

        var spans = app.SpansOf(id);
        var reserve = Assert.Single(spans, s => Equals(s.GetTagItem("activity"), nameof(OrderActivities.ReserveInventory)));
        Assert.Equal("rejected", reserve.GetTagItem("result"));
        var refund = Assert.Single(spans, s => Equals(s.GetTagItem("activity"), nameof(OrderActivities.RefundPayment)));
        Assert.Equal("compensation", refund.GetTagItem("kind"));
        Assert.Equal(nameof(OrderActivities.ChargePayment), refund.GetTagItem("step"));
        Assert.Equal(ActivityStatusCode.Unset, refund.Status);
    }

    [Fact]
    public async Task Order_RejectedAndCompensated_OneTraceFromTheStartSpanThroughEveryStepCompensationAndParticipantCall()
    {
        await using var app = await TracedApp.StartAsync(_directory.Path);
        var id = await StartAsync(app, "order", OutOfStockOrder);
        await WaitAsync(app, "order", id, v => v.GetProperty("runtimeStatus").GetString() == "Completed");

        var spans = app.SpansOf(id);
        var start = Assert.Single(spans, s => s.OperationName == SagaTracing.StartSpanName);
        var executions = spans.Where(s => s.OperationName.StartsWith(SagaTracing.ActivitySpanPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [nameof(OrderActivities.ChargePayment), nameof(OrderActivities.RefundPayment), nameof(OrderActivities.ReserveInventory)],
            executions.Select(s => (string)s.GetTagItem("activity")!).Order(StringComparer.Ordinal));
        Assert.All(executions, s =>
        {
            Assert.Equal(start.TraceId, s.TraceId);
            Assert.Equal(start.SpanId, s.ParentSpanId);
        });
        var calls = app.ParticipantRequests.ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.Equal(start.TraceId.ToHexString(), call.TraceParent?.Split('-')[1]));
    }

    [Fact]
    public async Task Order_ParticipantCalls_CarryTheTraceparentOfTheirStepSpan()
    {
        await using var app = await TracedApp.StartAsync(_directory.Path);
        var id = await StartAsync(app, "order", GoodOrder);
        await WaitAsync(app, "order", id, v => v.GetProperty("runtimeStatus").GetString() == "Completed");

        var stepTraces = app.SpansOf(id)
            .Where(s => s.GetTagItem("kind") is "step")
            .Select(s => s.TraceId.ToHexString())
            .ToHashSet(StringComparer.Ordinal);
        var calls = app.ParticipantRequests.ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call =>
        {
            Assert.NotNull(call.TraceParent);
            var parts = call.TraceParent.Split('-');
            Assert.Equal(4, parts.Length);
            Assert.Equal("00", parts[0]);
            Assert.Contains(parts[1], stepTraces);
        });
        Assert.Equal(stepTraces.Count, calls.Select(c => c.TraceParent!.Split('-')[1]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Claim_RestartedWhileWaiting_EmitsEachStepSpanOnce()
    {
        string id;
        var spans = new List<Activity>();
        var afterRestart = new List<Activity>();
        await using (var first = await TracedApp.StartAsync(_directory.Path))
        {
            id = await StartAsync(first, "insurance-claim", Claim);
            await WaitAsync(first, "insurance-claim", id, v => v.GetProperty("progress").TryGetProperty("waitingFor", out var w) && w.GetString() == "approval");
            spans.AddRange(first.SpansOf(id));
        }

        await using (var second = await TracedApp.StartAsync(_directory.Path))
        {
            var raise = await second.Client.PostAsync($"/api/sagas/insurance-claim/{id}/events/approval", Json("""{"approved":true,"approver":"a"}"""));
            Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
            await WaitAsync(second, "insurance-claim", id, v => v.GetProperty("runtimeStatus").GetString() == "Completed");
            afterRestart.AddRange(second.SpansOf(id).Where(s => !spans.Contains(s)));
            spans.AddRange(afterRestart);
        }

        var executions = spans.Where(s => s.OperationName.StartsWith(SagaTracing.ActivitySpanPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(executions.Count >= 3, $"expected the claim's steps, got {executions.Count} spans");
        Assert.All(executions.GroupBy(s => (string)s.GetTagItem("activity")!, StringComparer.Ordinal), g => Assert.Single(g));

        // The steps run after the restart (by the second process) stay in the trace of the first process's start span.
        var start = Assert.Single(spans, s => s.OperationName == SagaTracing.StartSpanName);
        Assert.Contains(executions, afterRestart.Contains);
        Assert.All(executions, s => Assert.Equal((start.TraceId, start.SpanId), (s.TraceId, s.ParentSpanId)));
    }

    private static async Task<string> StartAsync(TracedApp app, string saga, string body)
    {
        var started = await JsonAsync(await app.Client.PostAsync($"/api/sagas/{saga}", Json(body)), HttpStatusCode.Accepted);
        return started.GetProperty("Id").GetString()!;
    }

    /// <summary>Polls the saga view until <paramref name="done"/> holds; fails after a bounded number of reads instead of hanging.</summary>
    private static async Task WaitAsync(TracedApp app, string saga, string id, Func<JsonElement, bool> done)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var view = await JsonAsync(await app.Client.GetAsync($"/api/sagas/{saga}/{id}"), HttpStatusCode.OK);
            if (done(view))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Saga {saga}/{id} did not reach the expected state.");
    }
}
