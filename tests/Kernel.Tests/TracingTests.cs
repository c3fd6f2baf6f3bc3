using System.Diagnostics;

namespace SagaFunctions.Kernel.Tests;

/// <summary>The activity execution span: its tags, read from the real input and output, and its status on a failure.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<Activity> _spans = [];
    private readonly string _instance = "tracing-" + Guid.NewGuid().ToString("N");

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SagaTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.GetTagItem("instance") is string instance && instance.StartsWith(_instance, StringComparison.Ordinal))
                {
                    lock (_spans)
                    {
                        _spans.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task TraceActivityAsync_StepSucceeds_TagsSagaStepInstanceAndSucceeded()
    {
        var output = await SagaTracing.TraceActivityAsync("ChargePayment", "order", new StepInput<int>($"{_instance}:ChargePayment", 1),
            () => Task.FromResult<object?>(StepResult.Ok(5)));

        Assert.Equal(StepResult.Ok(5), output);
        var span = Assert.Single(_spans);
        Assert.Equal(SagaTracing.ActivitySpanPrefix + "ChargePayment", span.OperationName);
        Assert.Equal("order", span.GetTagItem("saga"));
        Assert.Equal("ChargePayment", span.GetTagItem("step"));
        Assert.Equal("step", span.GetTagItem("kind"));
        Assert.Equal("succeeded", span.GetTagItem("result"));
    }

    [Fact]
    public async Task TraceActivityAsync_StepRejected_TagsRejected()
    {
        await SagaTracing.TraceActivityAsync("ReserveInventory", "order", new StepInput<int>($"{_instance}:ReserveInventory", 1),
            () => Task.FromResult<object?>(StepResult.Reject<int>("OUT_OF_STOCK", "none left")));

        Assert.Equal("rejected", Assert.Single(_spans).GetTagItem("result"));
    }

    [Fact]
    public async Task TraceActivityAsync_Compensation_TagsTheUndoneStepAndTheAnswer()
    {
        var input = new CompensationInput<int, int>($"{_instance}:ChargePayment:compensate", $"{_instance}:ChargePayment", 1, 5);

        await SagaTracing.TraceActivityAsync("RefundPayment", "order", input, () => Task.FromResult<object?>("compensated"));

        var span = Assert.Single(_spans);
        Assert.Equal("compensation", span.GetTagItem("kind"));
        Assert.Equal("ChargePayment", span.GetTagItem("step"));
        Assert.Equal("compensated", span.GetTagItem("result"));
    }

    [Fact]
    public async Task TraceActivityAsync_ActivityThrows_RethrowsAndEndsTheSpanFailed()
    {
        var input = new StepInput<int>($"{_instance}:CreateShipment", 1);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            SagaTracing.TraceActivityAsync("CreateShipment", "order", input, () => throw new HttpRequestException("shipping down")));

        var span = Assert.Single(_spans);
        Assert.Equal("failed", span.GetTagItem("result"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("shipping down", span.StatusDescription);
    }

    [Fact]
    public async Task TraceActivityAsync_WithTheInstancesTraceParent_IsItsChildWhateverSpanIsCurrent()
    {
        const string parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var unrelated = new Activity("dispatcher").Start();

        await SagaTracing.TraceActivityAsync("ChargePayment", "order", new StepInput<int>($"{_instance}:ChargePayment", 1), parent,
            () => Task.FromResult<object?>(StepResult.Ok(5)));

        var span = Assert.Single(_spans);
        Assert.Equal(("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"), (span.TraceId.ToHexString(), span.ParentSpanId.ToHexString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    public async Task TraceActivityAsync_NoOrMalformedTraceParent_IsAChildOfTheCurrentSpan(string? traceParent)
    {
        using var current = new Activity("current").SetIdFormat(ActivityIdFormat.W3C).Start();

        await SagaTracing.TraceActivityAsync("ChargePayment", "order", new StepInput<int>($"{_instance}:ChargePayment", 1), traceParent,
            () => Task.FromResult<object?>(StepResult.Ok(5)));

        var span = Assert.Single(_spans);
        Assert.Equal((current.TraceId, current.SpanId), (span.TraceId, span.ParentSpanId));
    }

    [Fact]
    public void CurrentTraceParent_InsideAStartSpan_IsItsW3CId()
    {
        using var start = SagaTracing.StartSaga("order");

        Assert.NotNull(start);
        Assert.Equal(start.Id, SagaTracing.CurrentTraceParent);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", SagaTracing.CurrentTraceParent);
    }

    [Fact]
    public async Task TraceActivityAsync_InstanceIdWithColons_KeepsThemInTheInstanceTag()
    {
        var instance = _instance + ":sub:1";

        await SagaTracing.TraceActivityAsync("ProcessItem", "batch", new StepInput<int>($"{instance}:ProcessItem", 1), () => Task.FromResult<object?>(StepResult.Ok(1)));

        var span = Assert.Single(_spans);
        Assert.Equal(instance, span.GetTagItem("instance"));
        Assert.Equal("ProcessItem", span.GetTagItem("step"));
    }
}
