using System.Text.Json;

namespace SagaFunctions.Kernel.Tests;

public sealed class WaitTests
{
    [Fact]
    public async Task WaitForEvent_EventArrives_ReturnsItAndCancelsTheTimer()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false };
        var saga = new Saga(context, "claim");

        var wait = saga.WaitForEvent<Approval>("approval", TimeSpan.FromDays(30));
        Assert.Equal(SagaPhase.Waiting, context.Statuses[^1].Phase);
        Assert.Equal("approval", context.Statuses[^1].WaitingFor);
        context.Advance(TimeSpan.FromDays(3));
        context.RaiseEvent("approval", new Approval(true, "ana"));
        var result = await wait;

        Assert.True(result.Received);
        Assert.Equal("ana", result.Value!.Approver);
        Assert.Equal(0, context.PendingTimers);
        Assert.True(context.TimerTokens.Single().IsCancellationRequested);
        Assert.Equal(SagaPhase.Running, context.Statuses[^1].Phase);
    }

    [Fact]
    public async Task WaitForEvent_TimerWins_TimesOutAndCancelsTheEventWait()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false };
        var saga = new Saga(context, "claim");

        var wait = saga.WaitForEvent<Approval>("approval", TimeSpan.FromDays(30));
        context.Advance(TimeSpan.FromDays(30));
        var result = await wait;

        Assert.True(result.TimedOut);
        Assert.Equal(0, context.PendingEventWaits);
        Assert.Contains(context.Statuses[^1].Timeline, t => t.Event == "timed_out");
    }

    [Fact]
    public async Task WaitForEvent_EventAlreadyBufferedWhenTimerIsAlsoDue_EventWins()
    {
        var context = new FakeOrchestrationContext();
        context.RaiseEvent("approval", new Approval(true, "early"));
        var saga = new Saga(context, "claim");

        var result = await saga.WaitForEvent<Approval>("approval", TimeSpan.Zero);

        Assert.True(result.Received);
        Assert.Equal("early", result.Value!.Approver);
    }

    [Fact]
    public async Task WaitForEvent_EventArrivesAfterTimeout_IsIgnored()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false };
        var saga = new Saga(context, "claim");

        var wait = saga.WaitForEvent<Approval>("approval", TimeSpan.FromMinutes(15));
        context.Advance(TimeSpan.FromMinutes(15));
        var result = await wait;
        context.RaiseEvent("approval", new Approval(true, "late"));

        Assert.True(result.TimedOut);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task WaitForEventUntil_ReservationWindowElapses_HoldIsReleasedByItsCompensation()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false }
            .Returns("HoldSeats", "HOLD-1")
            .Compensates("ReleaseSeats");
        var saga = new Saga(context, "ticketing");
        var expiresAt = context.CurrentUtcDateTime.AddMinutes(15);

        await saga.Step<string>("HoldSeats", null).CompensateWith("ReleaseSeats");
        var wait = saga.WaitForEventUntil<Approval>("payment", expiresAt);
        context.AdvanceTo(expiresAt);
        var payment = await wait;
        var report = await saga.CompensateAsync(new SagaFailure(SagaFailureKind.Rejected, "payment", "expired", "window elapsed"));

        Assert.True(payment.TimedOut);
        Assert.Equal("ReleaseSeats", context.CallNames.Last());
        Assert.Equal(SagaPhase.Compensated, report.Outcome);
    }

    [Fact]
    public async Task Delay_CompletesOnTheDurableTimer()
    {
        var context = new FakeOrchestrationContext();
        var saga = new Saga(context, "migration");
        var before = context.CurrentUtcDateTime;

        await saga.Delay("pause-1", TimeSpan.FromSeconds(2));

        Assert.Equal(before.AddSeconds(2), context.CurrentUtcDateTime);
    }

    [Fact]
    public async Task WaitForEvent_PayloadOfTheWrongShape_IsIgnoredWithAWarningAndTheWaitGoesOn()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false };
        var saga = new Saga(context, "ticketing");

        var wait = saga.WaitForEvent<Approval>("approval", TimeSpan.FromMinutes(15));
        context.RaiseEvent("approval", JsonSerializer.SerializeToElement(new { approved = "yes" }));
        context.RaiseEvent("approval", JsonSerializer.SerializeToElement<object?>(null));
        Assert.False(wait.IsCompleted);
        context.RaiseEvent("approval", JsonSerializer.SerializeToElement(new { approved = true, approver = "ana" }));
        var result = await wait;

        Assert.True(result.Received);
        Assert.Equal("ana", result.Value!.Approver);
        Assert.Equal(2, saga.Warnings.Count);
        Assert.All(saga.Warnings, w => Assert.StartsWith("approval: ignored an event", w, StringComparison.Ordinal));
        Assert.Equal(0, context.PendingTimers);
    }

    [Fact]
    public async Task WaitForEvent_OnlyMalformedPayloadsBeforeTheDeadline_TimesOut()
    {
        var context = new FakeOrchestrationContext { AutoFireTimers = false };
        var saga = new Saga(context, "claim");

        var wait = saga.WaitForEvent<Approval>("approval", TimeSpan.FromDays(30));
        context.RaiseEvent("approval", JsonSerializer.SerializeToElement("not an object"));
        context.Advance(TimeSpan.FromDays(30));
        var result = await wait;

        Assert.True(result.TimedOut);
        Assert.Single(saga.Warnings);
    }
}
