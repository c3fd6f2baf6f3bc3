using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Batch;

/// <summary>
/// The parallel saga: one branch per item (<c>ProcessItem[i]</c>: reserve one unit of the SKU), all concurrently, then a
/// merge step. When any branch fails, the kernel waits for every branch to settle, then releases the items that were
/// reserved (concurrently) and the saga ends <c>failed</c>; a merge failure undoes every item the same way.
/// </summary>
public static class BatchSaga
{
    public const string Route = "batch";

    public const string Completed = "completed";

    public const string Failed = "failed";

    public const string ProcessItemsGroup = "ProcessItems";

    public static SagaOptions Options { get; } = SagaOptions.Default;

    public static string BranchName(int index) => $"{nameof(BatchActivities.ProcessItem)}[{index}]";

    public static async Task<BatchResult> RunAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<BatchRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new BatchResult { Status = Failed, BatchId = request.BatchId };
        try
        {
            var branches = request.Items
                .Select((sku, i) => saga.Step<ReserveResponse>(nameof(BatchActivities.ProcessItem), new ReserveRequest(request.BatchId, [new LineItem(sku, 1)]))
                    .Named(BranchName(i))
                    .CompensateWith(nameof(BatchActivities.ReleaseItem)))
                .ToList();
            var reservations = await saga.Parallel(ProcessItemsGroup, branches);
            var items = reservations.Select((r, i) => new BatchItemResult(i, request.Items[i], r.ReservationId)).ToList();
            result = result with { Items = items };

            var merged = await saga.Step<BatchMerge>(nameof(BatchActivities.MergeResults), new BatchMergeInput(request.BatchId, items));
            result = result with { Status = Completed, Merged = merged };
            return saga.Complete(SagaEnd.Success(saga).ApplyTo(result));
        }
        catch (SagaFailedException ex)
        {
            var end = SagaEnd.From(saga, await saga.CompensateAsync(ex.Failure));
            return end.ApplyTo(result with { Status = end.StatusOr(Failed) });
        }
    }
}
