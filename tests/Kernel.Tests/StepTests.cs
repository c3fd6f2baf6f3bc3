namespace SagaFunctions.Kernel.Tests;

public sealed class StepTests
{
    [Fact]
    public async Task Step_Succeeds_ReturnsValueAndSendsDataWithIdempotencyKey()
    {
        var context = new FakeOrchestrationContext("order-42").Returns("Charge", new Payment("PAY-1"));
        var saga = new Saga(context, "order");

        var payment = await saga.Step<Payment>("Charge", new Charge("O-1", 10m));

        Assert.Equal("PAY-1", payment.PaymentId);
        var input = Assert.IsType<StepInput<object?>>(context.Calls.Single().Input);
        Assert.Equal("order-42:Charge", input.IdempotencyKey);
        Assert.Equal(new Charge("O-1", 10m), input.Data);
    }

    [Fact]
    public async Task Steps_RunInTheOrderWritten()
    {
        var context = new FakeOrchestrationContext()
            .Returns("A", 1).Returns("B", 2).Returns("C", 3);
        var saga = new Saga(context, "ordered");

        await saga.Step<int>("A", null);
        await saga.Step<int>("B", null);
        await saga.Step<int>("C", null);

        Assert.Equal(["A", "B", "C"], context.CallNames);
        Assert.Equal(["A", "B", "C"], saga.CompletedSteps);
    }

    [Fact]
    public async Task Step_TechnicalFailureThenSuccess_RetriesWithDurableBackoffTimers()
    {
        var context = new FakeOrchestrationContext().Fails("Charge", times: 2, thenValue: StepResult.Ok(new Payment("PAY-2")));
        var options = SagaOptions.Default with { StepRetry = new RetryPolicy(3, TimeSpan.FromSeconds(1), 2.0) };
        var saga = new Saga(context, "order", options);

        var payment = await saga.Step<Payment>("Charge", null);

        Assert.Equal("PAY-2", payment.PaymentId);
        Assert.Equal(3, context.AttemptsOf("Charge"));
        Assert.Equal(["timer 1s", "timer 2s"], context.Actions.Where(a => a.StartsWith("timer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Step_Retried_KeepsTheSameIdempotencyKeyOnEveryAttempt()
    {
        var context = new FakeOrchestrationContext("i-7").Fails("Charge", times: 2, thenValue: StepResult.Ok(new Payment("P")));
        var saga = new Saga(context, "order");

        await saga.Step<Payment>("Charge", null);

        var keys = context.Calls.Select(c => ((StepInput<object?>)c.Input!).IdempotencyKey).Distinct();
        Assert.Equal(["i-7:Charge"], keys);
    }

    [Fact]
    public async Task Step_BusinessRejection_IsNeverRetriedAndThrowsRejected()
    {
        var context = new FakeOrchestrationContext().Rejects<Payment>("Debit", "insufficient_funds");
        var saga = new Saga(context, "money-transfer");

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<Payment>("Debit", null).CompensateWith("Reverse"));

        Assert.Equal(1, context.AttemptsOf("Debit"));
        Assert.True(ex.Failure.IsRejection("insufficient_funds"));
        Assert.Equal("Debit", ex.Failure.Step);
        Assert.DoesNotContain(context.Actions, a => a.StartsWith("timer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Step_ExhaustsRetries_ThrowsFailedWithErrorTypeAndAttempts()
    {
        var context = new FakeOrchestrationContext().Fails("Ship");
        var saga = new Saga(context, "order");

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("Ship", null));

        Assert.Equal(SagaFailureKind.Failed, ex.Failure.Kind);
        Assert.Equal("System.Net.Http.HttpRequestException", ex.Failure.Code);
        Assert.Contains("after 3 attempts", ex.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(SagaOptions.Default.StepRetry.MaxAttempts, context.AttemptsOf("Ship"));
    }

    [Fact]
    public async Task Step_ActivityReturnsNull_IsATechnicalFailure()
    {
        var context = new FakeOrchestrationContext().On("Broken", (_, _) => null);
        var saga = new Saga(context, "order", SagaOptions.Default with { StepRetry = RetryPolicy.None });

        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<int>("Broken", null));

        Assert.Equal(SagaFailureKind.Failed, ex.Failure.Kind);
    }

    [Fact]
    public async Task Step_SameNameTwice_ThrowsBecauseKeysWouldCollide()
    {
        var context = new FakeOrchestrationContext().Returns("A", 1);
        var saga = new Saga(context, "dup");
        await saga.Step<int>("A", null);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await saga.Step<int>("A", null));
        var second = await saga.Step<int>("A", null).Named("A-again");
        Assert.Equal(1, second);
    }

    [Fact]
    public async Task Optional_Fails_RecordsWarningAndSagaContinues()
    {
        var context = new FakeOrchestrationContext().Returns("Charge", new Payment("P")).Fails("Email").Returns("Close", 1);
        var saga = new Saga(context, "order");

        await saga.Step<Payment>("Charge", null);
        var email = await saga.Optional<string>("Email", null);
        await saga.Step<int>("Close", null);
        saga.Complete(0);

        Assert.Null(email);
        var warning = Assert.Single(saga.Warnings);
        Assert.StartsWith("Email: System.Net.Http.HttpRequestException", warning, StringComparison.Ordinal);
        Assert.Equal(SagaPhase.Completed, saga.Phase);
        Assert.Equal(SagaPhase.Completed, context.Statuses[^1].Phase);
    }

    [Fact]
    public async Task Optional_Rejected_IsAWarningToo()
    {
        var context = new FakeOrchestrationContext().Rejects<string>("Email", "bounced");
        var saga = new Saga(context, "order");

        var result = await saga.Optional<string>("Email", null, "SendEmail");

        Assert.Null(result);
        Assert.Contains("SendEmail: bounced", saga.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optional_WithItsOwnRetry_UsesItInsteadOfTheStepPolicy()
    {
        var context = new FakeOrchestrationContext().Fails("Email", times: 2, thenValue: StepResult.Ok("sent"));
        var saga = new Saga(context, "order");

        var email = await saga.Optional<string>("Email", null, retry: new RetryPolicy(1, TimeSpan.Zero));

        Assert.Null(email);
        Assert.Equal(1, context.AttemptsOf("Email"));
        Assert.Single(saga.Warnings);
    }

    [Fact]
    public async Task SubOrchestration_RunsWithAttemptScopedInstanceIdAndKey()
    {
        var context = new FakeOrchestrationContext("m-1").Fails("Batches", times: 1, thenValue: StepResult.Ok(5));
        var saga = new Saga(context, "migration");

        var migrated = await saga.SubOrchestration<int>("Batches", 10);

        Assert.Equal(5, migrated);
        Assert.Contains("sub Batches m-1:Batches-1", context.Actions);
        Assert.Contains("sub Batches m-1:Batches-2", context.Actions);
    }

    [Fact]
    public async Task Timeline_ManySteps_KeepsOnlyTheNewestEntries()
    {
        var context = new FakeOrchestrationContext().Returns("Work", 1);
        var saga = new Saga(context, "long", SagaOptions.Default with { MaxTimelineEntries = 8 });

        for (var i = 0; i < 20; i++)
        {
            await saga.Step<int>("Work", null).Named($"Work[{i}]");
        }

        var timeline = context.Statuses[^1].Timeline;
        Assert.Equal(8, timeline.Count);
        Assert.Equal("Work[19]", timeline[^1].Step);
        Assert.Equal(20, context.Statuses[^1].CompletedSteps.Count);
    }
}
