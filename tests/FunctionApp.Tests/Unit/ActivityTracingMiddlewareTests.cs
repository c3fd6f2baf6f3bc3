using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Moq;
using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>The worker middleware that wraps activity-trigger executions in their SagaFunctions span.</summary>
public sealed class ActivityTracingMiddlewareTests : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<Activity> _spans = [];
    private readonly string _instance = "mw-" + Guid.NewGuid().ToString("N");

    public ActivityTracingMiddlewareTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SagaTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (Equals(span.GetTagItem("instance"), _instance))
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

    [Theory]
    [InlineData("activityTrigger", true)]
    [InlineData("orchestrationTrigger", false)]
    [InlineData("httpTrigger", false)]
    public void IsActivity_ByTriggerType_OnlyActivityTriggers(string trigger, bool expected)
    {
        Assert.Equal(expected, ActivityTracingMiddleware.IsActivity(Context(trigger, null).Object));
    }

    [Fact]
    public async Task Invoke_StepSucceeds_EndsTheBoundStepsSpanSucceededAndKeepsTheResult()
    {
        var input = new StepInput<ChargeRequest>($"{_instance}:ChargePayment", new ChargeRequest("ORD-1", "C-1", 10m));
        var context = Context("activityTrigger", input);
        var result = StepResult.Ok(new ChargeResponse("PAY-1", "ORD-1", "C-1", 10m, "charged"));

        await new ActivityTracingMiddleware().Invoke(context.Object, c =>
        {
            c.GetInvocationResult().Value = result;
            return Task.CompletedTask;
        });

        var span = Assert.Single(_spans);
        Assert.Equal(nameof(OrderActivities.ChargePayment), span.GetTagItem("step"));
        Assert.Equal("step", span.GetTagItem("kind"));
        Assert.Equal("succeeded", span.GetTagItem("result"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Same(result, context.Object.GetInvocationResult().Value);
    }

    [Fact]
    public async Task Invoke_UnderTheEnginesActivitySpan_IsItsChild()
    {
        var input = new StepInput<ChargeRequest>($"{_instance}:ChargePayment", new ChargeRequest("ORD-1", "C-1", 10m));
        using var engineSpan = new Activity("activity:ChargePayment").SetIdFormat(ActivityIdFormat.W3C).Start();

        await new ActivityTracingMiddleware().Invoke(Context("activityTrigger", input).Object, _ => Task.CompletedTask);

        var span = Assert.Single(_spans);
        Assert.Equal((engineSpan.TraceId, engineSpan.SpanId), (span.TraceId, span.ParentSpanId));
    }

    [Fact]
    public async Task Invoke_ActivityThrows_EndsTheBoundStepsSpanFailedAndRethrows()
    {
        var input = new StepInput<ChargeRequest>($"{_instance}:ChargePayment", new ChargeRequest("ORD-1", "C-1", 10m));
        var context = Context("activityTrigger", input);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            new ActivityTracingMiddleware().Invoke(context.Object, _ => throw new HttpRequestException("payments down")));

        var span = Assert.Single(_spans);
        Assert.Equal(SagaTracing.ActivitySpanPrefix + nameof(OrderActivities.ChargePayment), span.OperationName);
        Assert.Equal(OrderSaga.Route, span.GetTagItem("saga"));
        Assert.Equal(nameof(OrderActivities.ChargePayment), span.GetTagItem("step"));
        Assert.Equal("failed", span.GetTagItem("result"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    private static Mock<FunctionContext> Context(string trigger, object? input) =>
        ActivityInvocation.Context(nameof(OrderActivities.ChargePayment), trigger, input);
}
