using System.Text.Json;

namespace SagaFunctions.Kernel.Tests;

public sealed class CancellationTests
{
    [Fact]
    public async Task Cancel_DuringWait_CompensatesAndEndsCancelled()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false }.Returns("Hold", "H-1").Compensates("Release");
        var saga = new Saga(context, "ticketing");
        await saga.Step<string>("Hold", null).CompensateWith("Release");

        var wait = saga.WaitForEvent<Approval>("payment", TimeSpan.FromMinutes(15));
        context.RaiseEvent(Saga.CancelEventName, new CancelRequest("customer changed their mind"));
        var ex = await Assert.ThrowsAsync<SagaFailedException>(() => wait);
        var report = await saga.CompensateAsync(ex.Failure);

        Assert.Equal(SagaFailureKind.Cancelled, ex.Failure.Kind);
        Assert.Equal("customer changed their mind", ex.Failure.Message);
        Assert.Equal(SagaPhase.Cancelled, report.Outcome);
        Assert.Equal("Release", context.CallNames.Last());
        Assert.Equal(0, context.PendingTimers);
        Assert.Equal(0, context.PendingEventWaits);
    }

    [Fact]
    public async Task Cancel_BeforeNextStep_StopsBeforeTheStepRuns()
    {
        var context = new FakeOrchestrationContext().Returns("A", 1).Returns("B", 2);
        var saga = new Saga(context, "s");
        await saga.Step<int>("A", null);
        context.RaiseEvent(Saga.CancelEventName, new CancelRequest(null));

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("B", null));

        Assert.Equal(SagaFailureKind.Cancelled, ex.Failure.Kind);
        Assert.DoesNotContain("B", context.CallNames);
    }

    [Fact]
    public async Task Cancel_DuringRetryWait_StepIsInDoubtAndCompensated()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false }.Fails("Charge").Compensates("Refund");
        var saga = new Saga(context, "order");

        async Task<Payment> ChargeAsync() => await saga.Step<Payment>("Charge", null).CompensateWith("Refund");
        var run = ChargeAsync();
        context.RaiseEvent(Saga.CancelEventName, new CancelRequest("stop"));
        var ex = await Assert.ThrowsAsync<SagaFailedException>(() => run);
        var report = await saga.CompensateAsync(ex.Failure);

        Assert.Equal(SagaFailureKind.Cancelled, ex.Failure.Kind);
        Assert.Equal(1, context.AttemptsOf("Charge"));
        Assert.True(Assert.Single(report.Compensations).StepWasInDoubt);
    }

    [Fact]
    public async Task Cancel_DuringCompensation_IsIgnoredAndEveryCompensationRuns()
    {
        var gate = new TaskCompletionSource<object?>();
        var context = new FakeOrchestrationContext()
            .Returns("A", 1).Returns("B", 2)
            .OnAsync("UndoB", (_, _) => gate.Task)
            .Compensates("UndoA");
        var saga = new Saga(context, "s");
        await saga.Step<int>("A", null).CompensateWith("UndoA");
        await saga.Step<int>("B", null).CompensateWith("UndoB");

        var compensation = saga.CompensateAsync(new SagaFailure(SagaFailureKind.Rejected, "C", "no", "no"));
        context.RaiseEvent(Saga.CancelEventName, new CancelRequest("again"));
        gate.SetResult("undone B");
        var report = await compensation;

        Assert.Equal(SagaPhase.Compensated, report.Outcome);
        Assert.Equal(["UndoB", "UndoA"], report.Compensations.Select(c => c.Activity));
    }

    [Fact]
    public async Task Deadline_PassesDuringWait_ThrowsDeadlineExceeded()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false };
        var saga = new Saga(context, "claim", SagaOptions.Default with { Timeout = TimeSpan.FromHours(1) });

        var wait = saga.WaitForEvent<Approval>("approval", TimeSpan.FromDays(30));
        context.Advance(TimeSpan.FromHours(1));
        var ex = await Assert.ThrowsAsync<SagaFailedException>(() => wait);

        Assert.Equal(SagaFailureKind.DeadlineExceeded, ex.Failure.Kind);
        Assert.Equal(0, context.PendingTimers);
    }

    [Fact]
    public async Task Deadline_AlreadyPassed_NextStepDoesNotRun()
    {
        var context = new FakeOrchestrationContext().Returns("A", 1);
        var saga = new Saga(context, "s", SagaOptions.Default with { Timeout = TimeSpan.FromMinutes(5) });
        context.Advance(TimeSpan.FromMinutes(6));

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("A", null));

        Assert.Equal(SagaFailureKind.DeadlineExceeded, ex.Failure.Kind);
        Assert.Empty(context.Calls);
    }

    [Fact]
    public async Task Cancel_WithAMalformedPayload_StillCancels()
    {
        var context = new FakeOrchestrationContext().Returns("A", 1);
        var saga = new Saga(context, "s");
        context.RaiseEvent(Saga.CancelEventName, JsonSerializer.SerializeToElement(42));

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("A", null));

        Assert.Equal(SagaFailureKind.Cancelled, ex.Failure.Kind);
        Assert.Equal("Cancelled on request.", ex.Failure.Message);
    }
}
