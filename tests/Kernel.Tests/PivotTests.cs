namespace SagaFunctions.Kernel.Tests;

public sealed class PivotTests
{
    private static readonly SagaOptions Options = SagaOptions.Default with
    {
        StepRetry = new RetryPolicy(2, TimeSpan.FromSeconds(1)),
        ForwardRecoveryRetry = new RetryPolicy(5, TimeSpan.FromSeconds(1)),
    };

    [Fact]
    public async Task StepAfterPivot_TransientFailures_AreRetriedBeyondTheStepPolicyUntilSuccess()
    {
        var context = new FakeOrchestrationContext()
            .Returns("Switch", true)
            .Fails("Decommission", times: 4, thenValue: StepResult.Ok(true));
        var saga = new Saga(context, "migration", Options);

        await saga.Step<bool>("Switch", null).AsPivot();
        var done = await saga.Step<bool>("Decommission", null).CompensateWith("Recommission");

        Assert.True(done);
        Assert.Equal(5, context.AttemptsOf("Decommission"));
    }

    [Fact]
    public async Task StepAfterPivot_ExhaustsForwardRecovery_ManualInterventionAndNothingIsCompensated()
    {
        var context = new FakeOrchestrationContext()
            .Returns("DualWrite", true)
            .Returns("Switch", true)
            .Fails("Decommission")
            .Compensates("DisableDualWrite", "SwitchBack");
        var saga = new Saga(context, "migration", Options);

        await saga.Step<bool>("DualWrite", null).CompensateWith("DisableDualWrite");
        await saga.Step<bool>("Switch", null).CompensateWith("SwitchBack").AsPivot();
        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<bool>("Decommission", null));
        var report = await saga.CompensateAsync(ex.Failure);

        Assert.Equal(SagaFailureKind.ManualInterventionRequired, ex.Failure.Kind);
        Assert.Equal(SagaPhase.ManualInterventionRequired, report.Outcome);
        Assert.True(report.NeedsAttention);
        Assert.Equal(5, context.AttemptsOf("Decommission"));
        Assert.DoesNotContain("DisableDualWrite", context.CallNames);
        Assert.DoesNotContain("SwitchBack", context.CallNames);
        Assert.Equal(SagaPhase.ManualInterventionRequired, context.Statuses[^1].Phase);
    }

    [Fact]
    public async Task OptionalAfterPivot_KeepsFailing_RetriedWithForwardRecoveryThenAWarning()
    {
        var context = new FakeOrchestrationContext()
            .Returns("Pay", true)
            .Fails("Close");
        var saga = new Saga(context, "insurance-claim", Options);

        await saga.Step<bool>("Pay", null).AsPivot();
        var closed = await saga.Optional<bool>("Close", null);

        Assert.False(closed);
        Assert.Equal(5, context.AttemptsOf("Close"));
        Assert.Contains(context.Statuses[^1].Warnings, w => w.Contains("Close", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepBeforePivot_Fails_IsCompensatedNormally()
    {
        var context = new FakeOrchestrationContext()
            .Returns("DualWrite", true)
            .Rejects<bool>("Verify", "verification_failed")
            .Compensates("DisableDualWrite");
        var saga = new Saga(context, "migration", Options);

        await saga.Step<bool>("DualWrite", null).CompensateWith("DisableDualWrite");
        var ex = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<bool>("Verify", null));
        var report = await saga.CompensateAsync(ex.Failure);

        Assert.True(ex.Failure.IsRejection("verification_failed"));
        Assert.Equal(SagaPhase.Compensated, report.Outcome);
        Assert.Contains("DisableDualWrite", context.CallNames);
    }

    [Fact]
    public async Task CancelAfterPivot_IsIgnored_SagaGoesForward()
    {
        var context = new FakeOrchestrationContext().Returns("Switch", true).Returns("Decommission", true);
        var saga = new Saga(context, "migration", Options);

        await saga.Step<bool>("Switch", null).AsPivot();
        context.RaiseEvent(Saga.CancelEventName, new CancelRequest("too late"));
        await saga.Step<bool>("Decommission", null);

        Assert.Equal(["Switch", "Decommission"], context.CallNames);
    }
}
