using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Moq;
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

    private static Mock<FunctionContext> Context(string trigger, object? input)
    {
        var binding = new Mock<BindingMetadata>();
        binding.SetupGet(b => b.Type).Returns(trigger);
        binding.SetupGet(b => b.Name).Returns("input");
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(nameof(OrderActivities.ChargePayment));
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add("input", binding.Object));
        var inputs = new Mock<IFunctionInputBindingFeature>();
        inputs.Setup(f => f.BindFunctionInputAsync(It.IsAny<FunctionContext>()))
            .ReturnsAsync(new FunctionInputBindingResult([input, CancellationToken.None]));
        var features = new Mock<IInvocationFeatures>();
        features.Setup(f => f.Get<IFunctionInputBindingFeature>()).Returns(inputs.Object);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.Features).Returns(features.Object);
        return context;
    }
}
