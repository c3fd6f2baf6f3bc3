using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// Enable dual-write → migrate the batches (a sub-orchestration with bounded history, pausing between batches) →
/// verify consistency → switch traffic (the pivot) → decommission the old system (forward recovery only).
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

    public static SagaOptions Options { get; } = SagaOptions.Default;

    public static async Task<MigrationResult> RunAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<MigrationRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new MigrationResult { Status = MigrationFailed, MigrationId = request.MigrationId };
        try
        {
            _ = await saga.Step<DualWriteResponse>(nameof(MigrationActivities.EnableDualWrite), new DualWriteRequest(request.MigrationId, request.ServiceId, Enabled: true))
                .CompensateWith(nameof(MigrationActivities.DisableDualWrite));

            var plan = new MigrationBatchPlan(request.MigrationId, request.TotalRecords, request.BatchCount, request.PauseSeconds ?? MigrationRequest.DefaultPauseSeconds);
            var batches = await saga.SubOrchestration<MigrationBatchesResult>(nameof(MigrationBatches), plan);
            result = result with { BatchesCompleted = batches.BatchesCompleted, RecordsMigrated = batches.RecordsMigrated };

            var verification = await saga.Step<VerifyMigrationResponse>(nameof(MigrationActivities.VerifyConsistency), new VerifyMigrationRequest(request.MigrationId, request.TotalRecords));
            result = result with { Consistent = verification.Consistent };

            var switched = await saga.Step<SwitchTrafficResponse>(nameof(MigrationActivities.SwitchTraffic), new SwitchTrafficRequest(request.MigrationId))
                .WithRetry(Options.ForwardRecoveryRetry)
                .AsPivot();
            result = result with { Traffic = switched.Traffic };

            var decommissioned = await saga.Step<DecommissionResponse>(nameof(MigrationActivities.DecommissionOldSystem), new DecommissionRequest(request.MigrationId));
            result = result with { Status = Completed, OldSystemEnabled = decommissioned.OldSystemEnabled };
            return saga.Complete(SagaEnd.Success(saga).ApplyTo(result));
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

            var end = SagaEnd.From(saga, await saga.CompensateAsync(failure));
            return end.ApplyTo(result with { Status = end.StatusOr(status) });
        }
    }
}
