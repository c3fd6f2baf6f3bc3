using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Batch;

/// <summary>
/// The parallel saga: one branch per item (<c>ProcessItem[i]</c>: the processing participant processes the item), all
/// concurrently, then a merge step. When any branch fails, the kernel waits for every branch to settle, then undoes the
/// items that were processed (<c>UndoItem</c>, concurrently) and the saga ends <c>failed</c>; a merge failure undoes every
/// item the same way.
/// </summary>
public static class BatchSaga
{
    public const string Route = "batch";

    public const string Completed = "completed";

    public const string Failed = "failed";

    public const string ProcessItemsGroup = "ProcessItems";

    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>The saga as data (<c>GET /api/definitions/batch</c>): one parallel branch per item, then the merge.</summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Process every item concurrently, then merge the results; any failure undoes the processed items concurrently.",
        [
            new(nameof(BatchActivities.ProcessItem), nameof(BatchActivities.UndoItem), ParallelGroup: ProcessItemsGroup, Repeated: true, MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(BatchActivities.MergeResults), null, MaxAttempts: Options.StepRetry.MaxAttempts),
        ],
        [],
        [Saga.CancelEventName],
        [Completed, Failed, SagaEnd.CancelledStatus]);

    public static string BranchName(int index) => $"{nameof(BatchActivities.ProcessItem)}[{index}]";

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<BatchRequest, BatchResult>(Route, nameof(BatchSaga), RunAsync, Definition)
        .WithActivities<BatchActivities>();

    public static Task<BatchResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<BatchResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<BatchRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new BatchResult { Status = Failed, BatchId = request.BatchId };
        try
        {
            var branches = request.Items
                .Select((item, i) => saga.Step<ProcessItemResponse>(nameof(BatchActivities.ProcessItem), new ProcessItemRequest(request.BatchId, item, i))
                    .Named(BranchName(i))
                    .CompensateWith(nameof(BatchActivities.UndoItem)))
                .ToList();
            var processed = await saga.Parallel(ProcessItemsGroup, branches);
            var items = processed.Select((r, i) => new BatchItemResult(i, request.Items[i], r.WorkId, r.Result)).ToList();
            result = result with { Items = items };

            var merged = await saga.Step<BatchMerge>(nameof(BatchActivities.MergeResults), new BatchMergeInput(request.BatchId, items));
            result = result with { Status = Completed, Merged = merged };
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            return await saga.CompensateAndEndAsync(ex.Failure, result, Failed);
        }
    }
}
