using SagaFunctions.Kernel;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class MigrationSagaTests
{
    private const string Id = "migration-1";

    private static MigrationRequest Migration(int batchCount = 25) => new("MIG-1", "orders", 1000, batchCount);

    private static async Task<Participants.Client.MigrationProgress> ProgressAsync(SagaHarness h) => (await h.Migration.GetProgressAsync("MIG-1"))!;

    [Fact]
    public async Task Run_AllPhasesSucceed_CompletedInChunkedSubOrchestration()
    {
        await using var h = await SagaHarness.StartAsync();
        var start = h.Clock.UtcNow;

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(25, result.BatchesCompleted);
        Assert.Equal(1000, result.RecordsMigrated);
        Assert.True(result.Consistent);
        Assert.Equal("new", result.Traffic);
        Assert.False(result.OldSystemEnabled);
        Assert.Equal(25, h.CallsOf("MigrateBatch"));
        var progress = await ProgressAsync(h);
        Assert.Equal(25, progress.BatchesCompleted);
        Assert.Equal(25, progress.BatchExecutions);
        Assert.Equal(1000, progress.RecordsMigrated);
        Assert.Equal(Enumerable.Range(1, 25), progress.Batches.Select(b => b.BatchNumber).Order());
        Assert.True(h.Clock.UtcNow >= start.AddMinutes(24), "24 one-minute pauses between 25 batches");
        var keys = h.KeyedCalls.Where(c => c.Name == "MigrateBatch").Select(c => c.Key).ToList();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => MigrationBatches.BatchKey($"{Id}:MigrationBatches", i)), keys);
    }

    [Fact]
    public async Task Run_BatchKeepsFailing_MigrationFailedWithoutRerunningFinishedBatches()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "batch", MigrationBatches.BatchKey($"{Id}:MigrationBatches", 12));

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(), Id);

        Assert.Equal("migration_failed", result.Status);
        Assert.Equal("MigrationBatches", result.Error?.Step);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        var progress = await ProgressAsync(h);
        Assert.Equal(11, progress.BatchesCompleted);
        Assert.Equal(11, progress.BatchExecutions);
        Assert.False(progress.DualWrite);
        Assert.Equal("old", progress.Traffic);
        Assert.Equal(0, h.CallsOf("VerifyConsistency"));
    }

    [Fact]
    public async Task Run_VerificationKeepsFailing_VerificationFailedAndDualWriteOff()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "verify");

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(5), Id);

        Assert.Equal("verification_failed", result.Status);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        var progress = await ProgressAsync(h);
        Assert.False(progress.DualWrite);
        Assert.Equal("old", progress.Traffic);
        Assert.Equal(0, h.CallsOf("SwitchTraffic"));
    }

    [Fact]
    public async Task Run_SwitchKeepsFailing_ManualInterventionWithDualWriteStillOn()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "switch");

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(5), Id);

        Assert.Equal("manual_intervention_required", result.Status);
        Assert.Equal(SagaPhase.ManualInterventionRequired, result.Outcome);
        Assert.Empty(result.Compensations);
        Assert.Equal(SagaOptions.Default.ForwardRecoveryRetry.MaxAttempts, h.CallsOf("SwitchTraffic"));
        var progress = await ProgressAsync(h);
        Assert.True(progress.DualWrite);
        Assert.True(progress.OldSystemEnabled);
    }

    [Fact]
    public async Task Run_DecommissionKeepsFailingAfterPivot_ManualInterventionNoRollback()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "decommission");

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(5), Id);

        Assert.Equal("manual_intervention_required", result.Status);
        Assert.Equal(SagaPhase.ManualInterventionRequired, result.Outcome);
        Assert.Equal(SagaFailureKind.ManualInterventionRequired, result.Error?.Kind);
        Assert.Empty(result.Compensations);
        Assert.Equal("new", result.Traffic);
        Assert.Equal(SagaOptions.Default.ForwardRecoveryRetry.MaxAttempts, h.CallsOf("DecommissionOldSystem"));
        Assert.Equal(0, h.CallsOf("DisableDualWrite"));
        Assert.Equal("new", (await ProgressAsync(h)).Traffic);
    }

    [Fact]
    public async Task Run_DualWriteEnableKeepsFailing_MigrationFailedDisabledByKey()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "dual-write", $"{Id}:EnableDualWrite");

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(5), Id);

        Assert.Equal("migration_failed", result.Status);
        var disable = Assert.Single(result.Compensations);
        Assert.True(disable.StepWasInDoubt);
        Assert.Equal(CompensationStatus.Compensated, disable.Status);
        Assert.Equal(0, h.CallsOf("MigrateBatch"));
    }

    [Fact]
    public async Task Run_DisableDualWriteKeepsFailing_DeadLetteredThenRetried()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "verify");
        await h.FailAsync("migration", "dual-write", $"{Id}:EnableDualWrite:compensate");

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(3), Id);

        Assert.Equal("verification_failed", result.Status);
        Assert.Equal(SagaPhase.CompensationFailed, result.Outcome);
        var deadLetter = Assert.Single(result.DeadLetters);
        Assert.True((await ProgressAsync(h)).DualWrite);

        await h.ClearFaultsAsync();
        var retry = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), deadLetter, "retry-1");

        Assert.Equal(DeadLetterRetryResult.Resolved, retry.Status);
        Assert.False((await ProgressAsync(h)).DualWrite);
    }

    [Fact]
    public async Task Run_CancelDuringVerificationRetry_DisablesDualWriteAndCancels()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "verify");
        await h.StartAsync(nameof(MigrationSaga), new MigrationRequest("MIG-1", "orders", 100, 4, PauseSeconds: 0), Id);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("maintenance window over"));
        var result = await h.OutputAsync<MigrationResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Outcome);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        Assert.False((await ProgressAsync(h)).DualWrite);
        Assert.Equal(0, h.CallsOf("SwitchTraffic"));
    }
}
