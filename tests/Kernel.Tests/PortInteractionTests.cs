using System.Text.Json;
using Moq;

namespace SagaFunctions.Kernel.Tests;

/// <summary>Interaction tests against a Moq mock of the engine port.</summary>
public sealed class PortInteractionTests
{
    private static Mock<IOrchestrationContext> Port()
    {
        var port = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        port.SetupGet(p => p.InstanceId).Returns("i-1");
        port.SetupGet(p => p.CurrentUtcDateTime).Returns(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        port.Setup(p => p.CreateReplaySafeLogger(It.IsAny<string>())).Returns(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        port.Setup(p => p.WaitForExternalEvent<JsonElement>(Saga.CancelEventName, default)).Returns(new TaskCompletionSource<JsonElement>().Task);
        port.Setup(p => p.WaitForExternalEvent<JsonElement>(Saga.RetryEventName, default)).Returns(new TaskCompletionSource<JsonElement>().Task);
        port.Setup(p => p.SetCustomStatus(It.IsAny<object?>()));
        port.SetupGet(p => p.IsReplaying).Returns(false); // read before recording metrics, never to decide what to do
        return port;
    }

    [Fact]
    public void Constructor_SubscribesToTheCancelEventAndPublishesRunning()
    {
        var port = Port();

        _ = new Saga(port.Object, "order");

        port.Verify(p => p.WaitForExternalEvent<JsonElement>(Saga.CancelEventName, default), Times.Once);
        port.Verify(p => p.WaitForExternalEvent<JsonElement>(Saga.RetryEventName, default), Times.Once);
        port.Verify(p => p.SetCustomStatus(It.Is<SagaStatus>(s => s.Phase == SagaPhase.Running && s.Saga == "order")), Times.Once);
    }

    [Fact]
    public async Task Step_PublishesCustomStatusOnStartAndCompletion()
    {
        var port = Port();
        port.Setup(p => p.CallActivityAsync<StepResult<int>>("Work", It.IsAny<object?>(), null)).ReturnsAsync(StepResult.Ok(7));
        var saga = new Saga(port.Object, "s");

        await saga.Step<int>("Work", null);

        port.Verify(p => p.SetCustomStatus(It.Is<SagaStatus>(s => s.CurrentStep == "Work" && s.CompletedSteps.Count == 0)), Times.Once);
        port.Verify(p => p.SetCustomStatus(It.Is<SagaStatus>(s => s.CompletedSteps.Contains("Work"))), Times.Once);
    }

    [Fact]
    public async Task Compensation_PublishesFailedStepWithErrorTypeAndCompensatedStep()
    {
        var port = Port();
        var statuses = new List<SagaStatus>();
        port.Setup(p => p.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => statuses.Add((SagaStatus)s!));
        port.Setup(p => p.CallActivityAsync<StepResult<int>>("A", It.IsAny<object?>(), null)).ReturnsAsync(StepResult.Ok(1));
        port.Setup(p => p.CallActivityAsync<StepResult<int>>("B", It.IsAny<object?>(), null)).ReturnsAsync(StepResult.Reject<int>("sold_out", "Sold out"));
        port.Setup(p => p.CallActivityAsync<string?>("UndoA", It.IsAny<object?>(), null)).ReturnsAsync("undone");
        var saga = new Saga(port.Object, "s");
        await saga.Step<int>("A", null).CompensateWith("UndoA");

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("B", null));
        await saga.CompensateAsync(ex.Failure);

        var final = statuses[^1];
        Assert.Equal(SagaPhase.Compensated, final.Phase);
        Assert.Equal(new StepError("B", "sold_out", "Sold out"), Assert.Single(final.FailedSteps));
        Assert.Equal(["A"], final.CompensatedSteps);
        Assert.Contains(statuses, s => s.Phase == SagaPhase.Compensating);
    }

    [Fact]
    public async Task WaitForEvent_CancelsTheLosingTimerThroughItsToken()
    {
        var port = Port();
        CancellationToken timerToken = default;
        port.Setup(p => p.WaitForExternalEvent<JsonElement>("go", It.IsAny<CancellationToken>())).ReturnsAsync(JsonSerializer.SerializeToElement(true));
        port.Setup(p => p.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => timerToken = token)
            .Returns(new TaskCompletionSource().Task);
        var saga = new Saga(port.Object, "s");

        var result = await saga.WaitForEvent<bool>("go", TimeSpan.FromMinutes(1));

        Assert.True(result.Received);
        Assert.True(timerToken.IsCancellationRequested);
    }

    [Fact]
    public async Task DeadLetter_IsWrittenWithTheEngineRetryPolicy()
    {
        var port = Port();
        var options = SagaOptions.Default with { CompensationRetry = RetryPolicy.None };
        port.Setup(p => p.CallActivityAsync<StepResult<int>>("A", It.IsAny<object?>(), null)).ReturnsAsync(StepResult.Ok(1));
        port.Setup(p => p.CallActivityAsync<string?>("UndoA", It.IsAny<object?>(), null))
            .ThrowsAsync(new ActivityFailedException("UndoA", "System.TimeoutException", "timed out"));
        port.Setup(p => p.CallActivityAsync<string?>(SagaOptions.DeadLetterActivityName, It.IsAny<DeadLetter>(), options.DeadLetterRetry)).ReturnsAsync("i-1:A");
        var saga = new Saga(port.Object, "s", options);
        await saga.Step<int>("A", null).CompensateWith("UndoA");

        var report = await saga.CompensateAsync(new SagaFailure(SagaFailureKind.Rejected, "B", "x", "x"));

        Assert.Equal(SagaPhase.CompensationFailed, report.Outcome);
        port.Verify(p => p.CallActivityAsync<string?>(SagaOptions.DeadLetterActivityName, It.Is<DeadLetter>(d => d.ErrorType == "System.TimeoutException" && d.Attempts == 1), options.DeadLetterRetry), Times.Once);
    }
}
