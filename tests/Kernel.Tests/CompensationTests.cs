using System.Text.Json;

namespace SagaFunctions.Kernel.Tests;

public sealed class CompensationTests
{
    private static readonly SagaOptions Fast = SagaOptions.Default with
    {
        StepRetry = new RetryPolicy(2, TimeSpan.FromSeconds(1)),
        CompensationRetry = new RetryPolicy(4, TimeSpan.FromSeconds(1), 2.0),
    };

    private static FakeOrchestrationContext OrderScript() => new FakeOrchestrationContext("o-1")
        .Returns("Charge", new Payment("PAY-1"))
        .Returns("Reserve", new Reservation("RES-1"))
        .Compensates("Refund", "Release", "CancelShipment")
        .On(SagaOptions.DeadLetterActivityName, (input, _) => ((DeadLetter)input!).Id);

    private static async Task<SagaReport> RunOrder(FakeOrchestrationContext context, SagaOptions? options = null)
    {
        var saga = new Saga(context, "order", options ?? Fast);
        try
        {
            await saga.Step<Payment>("Charge", new Charge("O-1", 5m)).CompensateWith("Refund");
            await saga.Step<Reservation>("Reserve", "ITEM-1").CompensateWith("Release");
            await saga.Step<string>("Ship", "addr").CompensateWith("CancelShipment");
            throw new InvalidOperationException("the script makes Ship fail");
        }
        catch (SagaFailedException ex)
        {
            return await saga.CompensateAsync(ex.Failure);
        }
    }

    [Fact]
    public async Task CompensateAsync_AfterLaterStepRejected_RunsCompensationsInReverseOrder()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier");

        var report = await RunOrder(context);

        Assert.Equal(SagaPhase.Compensated, report.Outcome);
        Assert.Equal(["Charge", "Reserve", "Ship", "Release", "Refund"], context.CallNames);
        Assert.Equal(["Reserve", "Charge"], report.Compensations.Select(c => c.Step));
        Assert.All(report.Compensations, c => Assert.Equal(CompensationStatus.Compensated, c.Status));
    }

    [Fact]
    public async Task CompensateAsync_CompensationReceivesTheStepsKeyDataAndResult()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier");

        await RunOrder(context);

        var refund = Assert.IsType<CompensationInput<object?, object?>>(context.Calls.Single(c => c.Name == "Refund").Input);
        Assert.Equal("o-1:Charge", refund.StepKey);
        Assert.Equal("o-1:Charge:compensate", refund.IdempotencyKey);
        Assert.Equal(new Charge("O-1", 5m), refund.StepData);
        Assert.Equal(new Payment("PAY-1"), refund.StepResult);
    }

    [Fact]
    public async Task CompensateAsync_RejectedStep_HasNothingToUndoForItself()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier");

        var report = await RunOrder(context);

        Assert.DoesNotContain("CancelShipment", context.CallNames);
        Assert.Equal(SagaFailureKind.Rejected, report.Failure.Kind);
    }

    [Fact]
    public async Task CompensateAsync_InDoubtStep_ItsOwnCompensationRunsFirstByKeyWithoutResult()
    {
        // Ship timed out after its effect happened: the saga cannot know, so it undoes Ship first, by Ship's key.
        var context = OrderScript().Fails("Ship");

        var report = await RunOrder(context);

        Assert.Equal(["CancelShipment", "Release", "Refund"], context.CallNames.SkipWhile(n => n != "CancelShipment"));
        var cancel = Assert.IsType<CompensationInput<object?, object?>>(context.Calls.Single(c => c.Name == "CancelShipment").Input);
        Assert.Equal("o-1:Ship", cancel.StepKey);
        Assert.Null(cancel.StepResult);
        Assert.True(report.Compensations[0].StepWasInDoubt);
        Assert.Equal(SagaFailureKind.Failed, report.Failure.Kind);
    }

    [Fact]
    public async Task CompensateAsync_CompensationFailsTwiceThenSucceeds_IsCompensatedAfterThreeAttempts()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier").Fails("Release", times: 2, thenValue: "released");

        var report = await RunOrder(context);

        Assert.Equal(SagaPhase.Compensated, report.Outcome);
        var release = report.Compensations.Single(c => c.Step == "Reserve");
        Assert.Equal(3, release.Attempts);
        Assert.Equal("released", release.Detail);
        Assert.Empty(report.DeadLetters);
        Assert.DoesNotContain(SagaOptions.DeadLetterActivityName, context.CallNames);
    }

    [Fact]
    public async Task CompensateAsync_TwoCompensationsExhaustRetries_TwoDeadLettersInOrderAndTheRestStillRun()
    {
        var context = new FakeOrchestrationContext("o-2")
            .Returns("A", 1).Returns("B", 2).Returns("C", 3).Rejects<int>("D", "nope")
            .Compensates("UndoA").Fails("UndoB").Fails("UndoC")
            .On(SagaOptions.DeadLetterActivityName, (input, _) => ((DeadLetter)input!).Id);
        var saga = new Saga(context, "chain", Fast);
        SagaReport report;
        try
        {
            await saga.Step<int>("A", null).CompensateWith("UndoA");
            await saga.Step<int>("B", null).CompensateWith("UndoB");
            await saga.Step<int>("C", null).CompensateWith("UndoC");
            await saga.Step<int>("D", null);
            throw new InvalidOperationException("unreachable");
        }
        catch (SagaFailedException ex)
        {
            report = await saga.CompensateAsync(ex.Failure);
        }

        Assert.Equal(SagaPhase.CompensationFailed, report.Outcome);
        Assert.True(report.NeedsAttention);
        Assert.Equal(["C", "B"], report.DeadLetters.Select(d => d.StepName));
        Assert.Equal(4, context.AttemptsOf("UndoC"));
        Assert.Equal(4, context.AttemptsOf("UndoB"));
        Assert.Equal(1, context.AttemptsOf("UndoA"));
        Assert.Equal(["C", "B"], context.Calls.Where(c => c.Name == SagaOptions.DeadLetterActivityName).Select(c => ((DeadLetter)c.Input!).StepName));
        Assert.Equal(
            [CompensationStatus.DeadLettered, CompensationStatus.DeadLettered, CompensationStatus.Compensated],
            report.Compensations.Select(c => c.Status));
        Assert.Equal(SagaPhase.CompensationFailed, context.Statuses[^1].Phase);
    }

    [Fact]
    public async Task CompensateAsync_DeadLetter_CarriesACompleteRecord()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier").Fails("Refund");

        var report = await RunOrder(context);

        var deadLetter = Assert.Single(report.DeadLetters);
        Assert.Equal("o-1:Charge", deadLetter.Id);
        Assert.Equal("order", deadLetter.SagaName);
        Assert.Equal("o-1", deadLetter.InstanceId);
        Assert.Equal("Charge", deadLetter.StepName);
        Assert.Equal("Refund", deadLetter.CompensationActivity);
        Assert.Equal("System.Net.Http.HttpRequestException", deadLetter.ErrorType);
        Assert.Equal("Refund unavailable (attempt 4)", deadLetter.ErrorMessage);
        Assert.Equal(4, deadLetter.Attempts);
        Assert.True(deadLetter.LastFailureAt > deadLetter.FirstFailureAt);
        using var json = JsonDocument.Parse(deadLetter.InputJson);
        Assert.Equal("o-1:Charge", json.RootElement.GetProperty("stepKey").GetString());
        Assert.Equal("PAY-1", json.RootElement.GetProperty("stepResult").GetProperty("paymentId").GetString());
        var written = context.Calls.Single(c => c.Name == SagaOptions.DeadLetterActivityName).Input;
        Assert.Equal(deadLetter, written);
    }

    [Fact]
    public async Task CompensateAsync_DeadLetterWriteFails_SagaStillEndsCompensationFailedWithTheRecordInItsReport()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier").Fails("Refund").Fails(SagaOptions.DeadLetterActivityName);

        var report = await RunOrder(context);

        Assert.Equal(SagaPhase.CompensationFailed, report.Outcome);
        Assert.Single(report.DeadLetters);
        Assert.Contains(context.Statuses[^1].Timeline, t => t.Event == "dead_letter_write_failed");
    }

    [Fact]
    public async Task CompensateAsync_CalledTwice_Throws()
    {
        var context = OrderScript();
        var saga = new Saga(context, "order", Fast);
        var failure = new SagaFailure(SagaFailureKind.Rejected, "X", "no", "no");
        await saga.CompensateAsync(failure);

        await Assert.ThrowsAsync<InvalidOperationException>(() => saga.CompensateAsync(failure));
    }

    [Fact]
    public async Task CompensateAsync_CompensationRetriesWaitOnDurableTimersWithBackoff()
    {
        var context = OrderScript().Rejects<string>("Ship", "no_carrier").Fails("Release", times: 3, thenValue: "ok");

        await RunOrder(context);

        var timers = context.Actions.SkipWhile(a => !a.StartsWith("call Release", StringComparison.Ordinal)).Where(a => a.StartsWith("timer", StringComparison.Ordinal));
        Assert.Equal(["timer 1s", "timer 2s", "timer 4s"], timers);
    }
}
