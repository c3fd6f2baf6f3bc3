using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class MigrationSagaTests
{
    private const string Id = "migration-1";

    private static MigrationRequest Migration(int batchCount = 25) => new("MIG-1", "orders", 1000, batchCount);

    private static async Task<MigrationProgress> ProgressAsync(SagaHarness h) => (await h.Migration.GetProgressAsync("MIG-1"))!;

    private static async Task<List<string>> CompletedStepsAsync(SagaHarness h)
    {
        using var status = JsonDocument.Parse((await h.Client.GetStatusAsync(Id))!.SerializedCustomStatus!);
        return [.. status.RootElement.GetProperty("completedSteps").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>Fires <paramref name="pauses"/> pause timers, one at a time.</summary>
    private static async Task AdvanceAsync(SagaHarness h, int pauses, TimeSpan? pause = null)
    {
        for (var i = 0; i < pauses; i++)
        {
            await h.Clock.AdvanceAsync(pause ?? TimeSpan.FromMinutes(1));
            await h.Runtime.WaitForIdleAsync();
        }
    }

    /// <summary>Batches 1 to <paramref name="count"/> ran, each exactly once, and no later batch was even called.</summary>
    private static void AssertBatchesRanOnce(SagaHarness h, MigrationProgress progress, int count)
    {
        Assert.Equal(count, progress.BatchesCompleted);
        Assert.Equal(count, progress.BatchExecutions);
        Assert.Equal(Enumerable.Range(1, count), progress.Batches.Select(b => b.BatchNumber).Order());
        Assert.Equal(
            Enumerable.Range(1, count).Select(i => MigrationBatches.BatchKey($"{Id}:MigrationBatches", i)),
            h.KeyedCalls.Where(c => c.Name == "MigrateBatch").Select(c => c.Key).Distinct());
        Assert.False(progress.DualWrite);
        Assert.Equal("old", progress.Traffic);
    }

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
        Assert.Equal(
            ["EnableDualWrite", .. Enumerable.Range(1, 25).Select(i => $"MigrateBatches[{i}]"), "VerifyConsistency", "SwitchTraffic", "DecommissionOldSystem"],
            await CompletedStepsAsync(h));
    }

    [Fact]
    public async Task Run_CancelMidChunk_FinishesOnlyThatChunkThenDisablesDualWriteAndCancels()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(MigrationSaga), Migration(250), Id);
        Assert.Equal(1, (await ProgressAsync(h)).BatchExecutions);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("rollback window"));
        var result = await h.OutputAsync<MigrationResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(SagaFailureKind.Cancelled, result.Error?.Kind);
        Assert.Equal("PauseBeforeBatch[4]", result.Error?.Step);
        Assert.Equal(3, result.BatchesCompleted);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        AssertBatchesRanOnce(h, await ProgressAsync(h), 3);
        Assert.Equal(0, h.CallsOf("VerifyConsistency"));
    }

    [Fact]
    public async Task Run_CancelDuringPauseBetweenChunks_CancelsWithoutWaitingForThePause()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(MigrationSaga), new MigrationRequest("MIG-1", "orders", 1000, 12, PauseSeconds: 3600), Id);
        await AdvanceAsync(h, pauses: 2, TimeSpan.FromHours(1));
        Assert.Equal(3, (await ProgressAsync(h)).BatchExecutions);
        var cancelledAt = h.Clock.UtcNow;

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("stop"));
        var status = await h.Client.GetStatusAsync(Id);

        Assert.True(status?.IsFinished, "the cancel event interrupts the pause between chunks");
        Assert.Equal(cancelledAt, h.Clock.UtcNow);
        var result = await h.OutputAsync<MigrationResult>(Id);
        Assert.Equal("cancelled", result.Status);
        Assert.Equal("PauseBeforeBatch[4]", result.Error?.Step);
        Assert.Equal(3, result.BatchesCompleted);
        AssertBatchesRanOnce(h, await ProgressAsync(h), 3);
    }

    [Fact]
    public async Task Run_CancelWithoutPauses_TakesEffectBeforeTheNextChunk()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "batch", MigrationBatches.BatchKey($"{Id}:MigrationBatches", 2));
        await h.StartAsync(nameof(MigrationSaga), new MigrationRequest("MIG-1", "orders", 1000, 12, PauseSeconds: 0), Id);
        Assert.Equal(1, (await ProgressAsync(h)).BatchExecutions);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("stop"));
        await h.ClearFaultsAsync();
        var result = await h.OutputAsync<MigrationResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal("MigrateBatches[3]", result.Error?.Step);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        AssertBatchesRanOnce(h, await ProgressAsync(h), 2);
    }

    [Fact]
    public async Task Run_BatchKeepsFailing_MigrationFailedWithoutRerunningFinishedBatches()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("migration", "batch", MigrationBatches.BatchKey($"{Id}:MigrationBatches", 12));

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), Migration(), Id);

        Assert.Equal("migration_failed", result.Status);
        Assert.Equal("MigrateBatches[12]", result.Error?.Step);
        Assert.Equal(11, result.BatchesCompleted);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        var progress = await ProgressAsync(h);
        Assert.Equal(11, progress.BatchesCompleted);
        Assert.Equal(11, progress.BatchExecutions);
        Assert.False(progress.DualWrite);
        Assert.Equal("old", progress.Traffic);
        Assert.Equal(0, h.CallsOf("VerifyConsistency"));
    }

    [Fact]
    public async Task Run_MoreBatchesThanMaxChunks_RunsThemInBoundedChunksWithAShortLastOne()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<MigrationResult>(nameof(MigrationSaga), new MigrationRequest("MIG-1", "orders", 1000, 250, PauseSeconds: 0), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(250, result.BatchesCompleted);
        Assert.Equal(1000, result.RecordsMigrated);
        Assert.Equal(250, (await ProgressAsync(h)).BatchExecutions);
        var chunks = (await CompletedStepsAsync(h)).Where(s => s.StartsWith("MigrateBatches", StringComparison.Ordinal)).ToList();
        Assert.Equal(84, chunks.Count);
        Assert.Equal(["MigrateBatches[1-3]", "MigrateBatches[4-6]"], chunks[..2]);
        Assert.Equal("MigrateBatches[250]", chunks[^1]);
    }

    [Fact]
    public async Task Run_BatchRejectedMidChunk_MigrationFailedAtThatChunkAndDualWriteOff()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(MigrationSaga), Migration(250), Id);
        await AdvanceAsync(h, pauses: 1);
        var off = await h.Migration.SetDualWriteAsync("operator-1", new DualWriteRequest("MIG-1", "orders", Enabled: false));
        Assert.True(off.Succeeded);

        var result = await h.OutputAsync<MigrationResult>(Id);

        Assert.Equal("migration_failed", result.Status);
        Assert.Equal(SagaFailureKind.Rejected, result.Error?.Kind);
        Assert.Equal("MigrateBatches[1-3]", result.Error?.Step);
        Assert.Equal(RejectionCodes.DualWriteDisabled, result.Error?.Code);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        var progress = await ProgressAsync(h);
        Assert.Equal(2, progress.BatchExecutions);
        Assert.False(progress.DualWrite);
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
        Assert.Equal(SagaPhase.ManualInterventionRequired, result.Phase);
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
        Assert.Equal(SagaPhase.ManualInterventionRequired, result.Phase);
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
        Assert.Equal(SagaPhase.CompensationFailed, result.Phase);
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
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(["DisableDualWrite"], result.Compensations.Select(c => c.Activity));
        Assert.False((await ProgressAsync(h)).DualWrite);
        Assert.Equal(0, h.CallsOf("SwitchTraffic"));
    }
}
