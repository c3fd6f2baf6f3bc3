namespace SagaFunctions.Kernel.Tests;

/// <summary>The operator's retry event ends the backoff wait it names at once; a stale one never skips a later backoff.</summary>
public sealed class RetryNowTests
{
    private static readonly DateTime Start = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly RetryPolicy LongBackoff = new(3, TimeSpan.FromHours(1), 1.0);

    [Fact]
    public async Task RetryEvent_NamingTheWait_StartsTheNextAttemptWithoutWaiting()
    {
        var context = new FakeOrchestrationContext("o-1", Start) { AutoFireTimers = false }.Fails("Ship", times: 1, thenValue: StepResult.Ok(7));
        var saga = new Saga(context, "order", SagaOptions.Default with { StepRetry = LongBackoff });

        var run = ShipAsync(saga);
        Assert.False(run.IsCompleted);
        context.RaiseEvent(Saga.RetryEventName, new RetryRequest("Ship", "step", 1, "fixed the carrier"));

        Assert.Equal(7, await run);
        Assert.Equal(2, context.AttemptsOf("Ship"));
        Assert.Equal(Start, context.CurrentUtcDateTime);
        Assert.Equal(0, context.PendingTimers);
        Assert.Contains(context.Statuses[^1].Timeline, e => e.Event == "retry_requested" && e.Detail!.Contains("fixed the carrier", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Ship", "step", 2)]
    [InlineData("Pack", "step", 1)]
    [InlineData("Ship", "compensation", 1)]
    public async Task RetryEvent_NamingAnotherWait_IsIgnoredAndTheBackoffRuns(string step, string kind, int attempt)
    {
        var context = new FakeOrchestrationContext("o-2", Start) { AutoFireTimers = false }.Fails("Ship", times: 1, thenValue: StepResult.Ok(7));
        var saga = new Saga(context, "order", SagaOptions.Default with { StepRetry = LongBackoff });

        var run = ShipAsync(saga);
        context.RaiseEvent(Saga.RetryEventName, new RetryRequest(step, kind, attempt, null));

        Assert.False(run.IsCompleted);
        Assert.Equal(1, context.AttemptsOf("Ship"));
        context.Advance(TimeSpan.FromHours(1));
        Assert.Equal(7, await run);
    }

    [Fact]
    public async Task RetryEvent_RaisedWhileNotRetrying_DoesNotSkipALaterBackoff()
    {
        var context = new FakeOrchestrationContext("o-3", Start) { AutoFireTimers = false }
            .Returns("Pack", 1)
            .Fails("Ship", times: 1, thenValue: StepResult.Ok(7));
        var saga = new Saga(context, "order", SagaOptions.Default with { StepRetry = LongBackoff });
        await saga.Step<int>("Pack", null);
        context.RaiseEvent(Saga.RetryEventName, new RetryRequest("Pack", "step", 1, null));

        var run = ShipAsync(saga);

        Assert.False(run.IsCompleted);
        context.RaiseEvent(Saga.RetryEventName, new RetryRequest("Ship", "step", 1, null));
        Assert.Equal(7, await run);
        Assert.Equal(Start, context.CurrentUtcDateTime);
    }

    private static async Task<int> ShipAsync(Saga saga) => await saga.Step<int>("Ship", null);

    [Fact]
    public async Task RetryEvent_DuringCompensationBackoff_RunsTheCompensationNow()
    {
        var context = new FakeOrchestrationContext("o-4", Start) { AutoFireTimers = false }
            .Returns("Charge", 1)
            .Rejects<int>("Reserve", "out_of_stock")
            .On("Refund", (_, attempt) => attempt == 1 ? throw new ActivityFailedException("Refund", "System.TimeoutException", "slow") : "refunded");
        var saga = new Saga(context, "order");
        await saga.Step<int>("Charge", null).CompensateWith("Refund");
        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("Reserve", null));

        var compensating = saga.CompensateAsync(ex.Failure);
        Assert.False(compensating.IsCompleted);
        context.RaiseEvent(Saga.RetryEventName, new RetryRequest("Charge", "compensation", 1, null));
        var report = await compensating;

        Assert.Equal(SagaPhase.Compensated, report.Outcome);
        Assert.Equal(2, context.AttemptsOf("Refund"));
    }
}
