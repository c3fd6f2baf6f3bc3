using System.Collections.Concurrent;
using System.Diagnostics;
using SagaFunctions.FunctionApp.Tests.Scenarios;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.FunctionApp.Tests.Tracing;

/// <summary>
/// One trace per saga on both engines: the <c>saga.start</c> span of the HTTP start and every <c>saga.activity</c> span
/// of the instance (steps, retries, compensations) share its trace id, and each activity span's parent chain reaches the
/// start span. The embedded runtime parents the activity spans to the trace parent it stored with the instance; on the
/// real Durable Task engine the SDK carries the client's <see cref="Activity.Current"/> into the orchestration and its
/// activities (the <c>Microsoft.DurableTask</c> spans between them, which FunctionApp exports too).
/// </summary>
public sealed class SagaTraceTests : IDisposable
{
    private readonly ConcurrentDictionary<ActivitySpanId, Activity> _spans = new();
    private readonly ActivityListener _listener;

    public SagaTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SagaTracing.SourceName or FunctionAppTracing.DurableTaskSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => _spans.TryAdd(span.SpanId, span),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Theory]
    [InlineData("embedded")]
    [InlineData("durable")]
    public async Task Order_StepFailsAndCompensates_StartAndEveryActivitySpanInOneTraceChainedToTheStart(string engineName)
    {
        await using ISagaEngine engine = engineName == "durable" ? await DurableEngine.StartAsync() : await EmbeddedEngine.StartAsync();
        var run = new SagaRun(engine);
        var id = $"trace-{engineName}-{Guid.NewGuid():N}";
        await run.FaultAsync("inventory", "reserve");
        await run.RunAsync(OrderSaga.Route, id, OrderScenarios.Order(id), "failed", nameof(OrderActivities.ReleaseInventory), nameof(OrderActivities.RefundPayment));

        var mine = _spans.Values.Where(s => s.Source.Name == SagaTracing.SourceName && Equals(s.GetTagItem("instance"), id)).ToList();
        var start = Assert.Single(mine, s => s.OperationName == SagaTracing.StartSpanName);
        var executions = mine.Where(s => s.OperationName.StartsWith(SagaTracing.ActivitySpanPrefix, StringComparison.Ordinal)).ToList();
        var byActivity = executions.GroupBy(s => (string)s.GetTagItem("activity")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(
            [nameof(OrderActivities.ChargePayment), nameof(OrderActivities.RefundPayment), nameof(OrderActivities.ReleaseInventory), nameof(OrderActivities.ReserveInventory)],
            byActivity.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("succeeded", Assert.Single(byActivity[nameof(OrderActivities.ChargePayment)]).GetTagItem("result"));
        Assert.Equal("compensation", Assert.Single(byActivity[nameof(OrderActivities.RefundPayment)]).GetTagItem("kind"));
        Assert.Single(byActivity[nameof(OrderActivities.ReleaseInventory)]);
        Assert.True(byActivity[nameof(OrderActivities.ReserveInventory)].Count > 1, "the failing step is retried before it is compensated");
        Assert.All(byActivity[nameof(OrderActivities.ReserveInventory)], s => Assert.Equal("failed", s.GetTagItem("result")));
        Assert.All(executions, s =>
        {
            Assert.Equal(start.TraceId, s.TraceId);
            Assert.True(ReachesStart(s, start), $"{engineName}: {s.OperationName}'s parent chain does not reach {SagaTracing.StartSpanName}");
        });
    }

    /// <summary>Walks the parents of <paramref name="span"/> through the recorded spans until it meets <paramref name="start"/>.</summary>
    private bool ReachesStart(Activity span, Activity start)
    {
        var parent = span.ParentSpanId;
        for (var hops = 0; hops < 16 && parent != default; hops++)
        {
            if (parent == start.SpanId)
            {
                return true;
            }

            if (!_spans.TryGetValue(parent, out var next))
            {
                return false;
            }

            parent = next.ParentSpanId;
        }

        return false;
    }
}
