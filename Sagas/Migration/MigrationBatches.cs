using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// One chunk of the migration saga's batch loop, as a sub-orchestration: it migrates batches
/// <see cref="MigrationBatchPlan.FirstBatch"/> to <see cref="MigrationBatchPlan.LastBatch"/> (at most
/// <see cref="MigrationBatchPlan.ChunkSize"/>: one batch up to <see cref="MaxChunks"/> batches), pausing between them on
/// a durable timer. <see cref="MigrationSaga"/> runs the chunks one after the other and races the cancel event and the
/// saga deadline between them, so a cancel takes effect after at most the rest of the current chunk. Every batch's
/// idempotency key derives from the <c>MigrationBatches</c> step key (<see cref="MigrationBatchPlan.BatchKeyPrefix"/>,
/// the same for every chunk) and the batch number, so a retried chunk re-sends finished batches with their old keys and
/// the participant answers from its store: no finished batch is migrated twice. A rejected batch ends the chunk with
/// that rejection; a batch that keeps failing technically fails the sub-orchestration (the parent step retries the
/// chunk, then it is in doubt).
/// </summary>
public static class MigrationBatches
{
    /// <summary>
    /// The batches are spread over at most this many chunks (one parent step each), so the parent's history and custom
    /// status stay bounded: up to 100 batches every batch is its own chunk; 10,000 batches run in chunks of 100.
    /// </summary>
    public const int MaxChunks = 100;

    /// <summary>The engine-level retry of one batch.</summary>
    public static RetryPolicy BatchRetry { get; } = SagaOptions.Default.StepRetry;

    public static string BatchKey(string stepKey, int batch) => $"{stepKey}:batch-{batch}";

    /// <summary>The sub-orchestration as the engines register it (unversioned: it runs with the migration's version).</summary>
    public static SagaDeclaration Declaration { get; } =
        SagaDeclaration.Helper<StepInput<MigrationBatchPlan>, StepResult<MigrationBatchesResult>>("migration-batches", nameof(MigrationBatches), RunAsync);

    public static async Task<StepResult<MigrationBatchesResult>> RunAsync(IOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<StepInput<MigrationBatchPlan>>();
        var plan = input?.Data ?? throw new ArgumentException($"{context.Name} ({context.InstanceId}) was started without a batch plan.", nameof(context));
        if (plan.BatchCount < 1 || plan.FirstBatch < 1 || plan.FirstBatch > plan.BatchCount)
        {
            throw new ArgumentException($"{context.Name} ({context.InstanceId}): first batch {plan.FirstBatch} is outside batches 1 to {plan.BatchCount}.", nameof(context));
        }

        var keyPrefix = plan.BatchKeyPrefix ?? input.IdempotencyKey;
        var migrated = plan.RecordsMigrated;
        for (var batch = plan.FirstBatch; batch <= plan.LastBatch; batch++)
        {
            if (batch > plan.FirstBatch && plan.PauseSeconds > 0)
            {
                context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, batch, plan.BatchCount, migrated, "pausing"));
                await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(plan.PauseSeconds), CancellationToken.None);
            }

            context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, batch, plan.BatchCount, migrated, "migrating"));
            var answer = await context.CallActivityAsync<StepResult<MigrateBatchResponse>>(
                nameof(MigrationActivities.MigrateBatch),
                new StepInput<MigrateBatchRequest>(BatchKey(keyPrefix, batch), new MigrateBatchRequest(plan.MigrationId, batch, plan.SizeOf(batch))),
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

        context.SetCustomStatus(new MigrationBatchProgress(plan.MigrationId, plan.LastBatch, plan.BatchCount, migrated, "done"));
        return StepResult.Ok(new MigrationBatchesResult(plan.LastBatch, migrated));
    }
}
