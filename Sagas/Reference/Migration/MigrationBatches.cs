using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// The batch loop of the migration saga, as a sub-orchestration with bounded history: each generation migrates at most
/// <see cref="BatchesPerGeneration"/> batches (pausing between them on a durable timer), then continues as new with the
/// rest. Every batch's idempotency key derives from the parent step's key and the batch number, so a retried
/// sub-orchestration re-sends finished batches with their old keys and the participant answers from its store:
/// no finished batch is migrated twice. A rejected batch ends the loop with that rejection; a batch that keeps failing
/// technically fails the sub-orchestration (the parent step retries it, then it is in doubt).
/// </summary>
public static class MigrationBatches
{
    public const int BatchesPerGeneration = 10;

    /// <summary>The engine-level retry of one batch.</summary>
    public static RetryPolicy BatchRetry { get; } = SagaOptions.Default.StepRetry;

    public static string BatchKey(string stepKey, int batch) => $"{stepKey}:batch-{batch}";

    public static async Task<StepResult<MigrationBatchesResult>> RunAsync(IOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<StepInput<MigrationBatchPlan>>()
            ?? throw new ArgumentException($"{context.Name} ({context.InstanceId}) was started without a batch plan.", nameof(context));
        var plan = input.Data ?? throw new ArgumentException($"{context.Name} ({context.InstanceId}) was started without a batch plan.", nameof(context));
        var migrated = plan.RecordsMigrated;
        var last = Math.Min(plan.BatchCount, plan.NextBatch + BatchesPerGeneration - 1);
        for (var batch = plan.NextBatch; batch <= last; batch++)
        {
            if (batch > 1 && plan.PauseSeconds > 0)
            {
                context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, batch, plan.BatchCount, migrated, "pausing"));
                await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(plan.PauseSeconds), CancellationToken.None);
            }

            context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, batch, plan.BatchCount, migrated, "migrating"));
            var answer = await context.CallActivityAsync<StepResult<MigrateBatchResponse>>(
                nameof(MigrationActivities.MigrateBatch),
                new StepInput<MigrateBatchRequest>(BatchKey(input.IdempotencyKey, batch), new MigrateBatchRequest(plan.MigrationId, batch, plan.SizeOf(batch))),
                BatchRetry);
            if (answer is null || answer.IsRejected || answer.Value is null)
            {
                context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, batch, plan.BatchCount, migrated, "rejected"));
                return StepResult.Reject<MigrationBatchesResult>(
                    answer?.RejectionCode ?? "no_result",
                    $"Batch {batch} of {plan.BatchCount}: {answer?.RejectionMessage ?? "the activity returned no result"}");
            }

            migrated = answer.Value.TotalMigrated;
        }

        if (last < plan.BatchCount)
        {
            context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, last, plan.BatchCount, migrated, "continuing"));
            context.ContinueAsNew(input with { Data = plan with { NextBatch = last + 1, RecordsMigrated = migrated } });
            return StepResult.Ok(new MigrationBatchesResult(last, migrated));
        }

        context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, last, plan.BatchCount, migrated, "done"));
        return StepResult.Ok(new MigrationBatchesResult(plan.BatchCount, migrated));
    }
}
