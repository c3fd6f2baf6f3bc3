using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// Enable dual-write → migrate the batches → verify consistency → switch traffic (the pivot) → decommission the old
/// system (forward recovery only). The batches run in chunks of <see cref="MigrationBatchPlan.ChunkSize"/> batches
/// (⌈batchCount / 100⌉: one batch per chunk up to 100 batches), each chunk one <see cref="MigrationBatches"/>
/// sub-orchestration step (bounded history), with a durable pause between batches. The pause between two chunks is the
/// saga's <see cref="Saga.Delay"/>, which the cancel event and the saga deadline interrupt. So a cancel during the batch
/// phase takes effect after at most the rest of the current chunk (its remaining batches and the pauses between them;
/// up to 100 batches: the running batch only, and at once during a pause), then dual-write is disabled and the saga
/// ends <c>cancelled</c>.
/// A batch failure disables dual-write: <c>migration_failed</c>; inconsistent data disables dual-write:
/// <c>verification_failed</c>. A traffic switch that fails is not rolled back (dual-write stays on, so both systems
/// stay in step) and a decommission that exhausts forward recovery has passed the point of no return: both end
/// <c>manual_intervention_required</c>.
/// </summary>
public static class MigrationSaga
{
    public const string Route = "migration";

    public const string Completed = "completed";

    public const string MigrationFailed = "migration_failed";

    public const string VerificationFailed = "verification_failed";

    public const string ManualInterventionRequired = "manual_intervention_required";

    /// <summary>The name of the batch step (indexed per chunk, see <see cref="ChunkStep"/>).</summary>
    public const string BatchesStep = "MigrateBatches";

    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>
    /// The saga as data (<c>GET /api/definitions/migration</c>): the batches are one repeated sub-orchestration step;
    /// after the traffic switch (the pivot) the saga only moves forward.
    /// </summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Enable dual-write, migrate the batches with pauses, verify consistency, switch traffic (the pivot), then decommission the old system.",
        [
            new(nameof(MigrationActivities.EnableDualWrite), nameof(MigrationActivities.DisableDualWrite), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(BatchesStep, null, Repeated: true, MaxAttempts: Options.StepRetry.MaxAttempts, Activity: nameof(MigrationActivities.MigrateBatch), SubOrchestration: nameof(MigrationBatches)),
            new(nameof(MigrationActivities.VerifyConsistency), null, MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(MigrationActivities.SwitchTraffic), null, Pivot: true, MaxAttempts: Options.ForwardRecoveryRetry.MaxAttempts),
            new(nameof(MigrationActivities.DecommissionOldSystem), null, MaxAttempts: Options.ForwardRecoveryRetry.MaxAttempts),
        ],
        [],
        [Saga.CancelEventName],
        [Completed, MigrationFailed, VerificationFailed, ManualInterventionRequired, SagaEnd.CancelledStatus]);

    /// <summary>The step name of a batch chunk: <c>MigrateBatches[7]</c>, or <c>MigrateBatches[7-9]</c> for several batches.</summary>
    public static string ChunkStep(MigrationBatchPlan chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return chunk.FirstBatch == chunk.LastBatch
            ? $"{BatchesStep}[{chunk.FirstBatch}]"
            : $"{BatchesStep}[{chunk.FirstBatch}-{chunk.LastBatch}]";
    }

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<MigrationRequest, MigrationResult>(Route, nameof(MigrationSaga), RunAsync, Definition)
        .WithActivities<MigrationActivities>()
        .Starts(MigrationBatches.Declaration);

    public static Task<MigrationResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<MigrationResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<MigrationRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new MigrationResult { Status = MigrationFailed, MigrationId = request.MigrationId };
        try
        {
            _ = await saga.Step<DualWriteResponse>(nameof(MigrationActivities.EnableDualWrite), new DualWriteRequest(request.MigrationId, request.ServiceId, Enabled: true))
                .CompensateWith(nameof(MigrationActivities.DisableDualWrite));

            // The batches, chunk by chunk. The pause between two chunks is the saga's own: cancel and deadline race it.
            var firstChunk = new MigrationBatchPlan(
                request.MigrationId,
                request.TotalRecords,
                request.BatchCount,
                request.PauseSeconds ?? MigrationRequest.DefaultPauseSeconds,
                BatchKeyPrefix: saga.KeyFor(nameof(MigrationBatches)));
            for (var chunk = firstChunk; chunk is not null; chunk = chunk.NextChunk(result.RecordsMigrated))
            {
                if (chunk.FirstBatch > 1 && chunk.PauseSeconds > 0)
                {
                    await saga.Delay($"PauseBeforeBatch[{chunk.FirstBatch}]", TimeSpan.FromSeconds(chunk.PauseSeconds));
                }

                var batches = await saga.SubOrchestration<MigrationBatchesResult>(nameof(MigrationBatches), chunk).Named(ChunkStep(chunk));
                result = result with { BatchesCompleted = batches.BatchesCompleted, RecordsMigrated = batches.RecordsMigrated };
            }

            var verification = await saga.Step<VerifyMigrationResponse>(nameof(MigrationActivities.VerifyConsistency), new VerifyMigrationRequest(request.MigrationId, request.TotalRecords));
            result = result with { Consistent = verification.Consistent };

            var switched = await saga.Step<SwitchTrafficResponse>(nameof(MigrationActivities.SwitchTraffic), new SwitchTrafficRequest(request.MigrationId))
                .WithRetry(Options.ForwardRecoveryRetry)
                .AsPivot();
            result = result with { Traffic = switched.Traffic };

            var decommissioned = await saga.Step<DecommissionResponse>(nameof(MigrationActivities.DecommissionOldSystem), new DecommissionRequest(request.MigrationId));
            result = result with { Status = Completed, OldSystemEnabled = decommissioned.OldSystemEnabled };
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            var failure = ex.Failure;
            string status;
            if (failure.Kind == SagaFailureKind.ManualInterventionRequired)
            {
                status = ManualInterventionRequired;
            }
            else if (failure.IsAt(nameof(MigrationActivities.SwitchTraffic)) && failure.Kind != SagaFailureKind.Cancelled)
            {
                // The switch may have happened: disabling dual-write now could lose writes. Leave both systems in step.
                failure = failure with { Kind = SagaFailureKind.ManualInterventionRequired };
                status = ManualInterventionRequired;
            }
            else
            {
                status = failure.IsAt(nameof(MigrationActivities.VerifyConsistency)) ? VerificationFailed : MigrationFailed;
            }

            return await saga.CompensateAndEndAsync(failure, result, status);
        }
    }
}
