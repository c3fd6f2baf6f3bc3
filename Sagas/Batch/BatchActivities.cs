using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Batch;

/// <summary>The batch saga's branch step (process one work item), its compensation (undo it), and the merge step.</summary>
public sealed class BatchActivities(ProcessingClient processing)
{
    public async Task<StepResult<ProcessItemResponse>> ProcessItem(StepInput<ProcessItemRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await processing.ProcessAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> UndoItem(CompensationInput<ProcessItemRequest, ProcessItemResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var undo = (await processing.UndoAsync(input.IdempotencyKey, new UndoWorkRequest(input.StepKey), ct)).Undone("undo item");
        return undo.NothingToUndo
            ? $"nothing to undo for item {input.StepData.Index} ({input.StepData.Item})"
            : $"{undo.Status} work {undo.WorkId}";
    }

    /// <summary>Merges the branches' results (pure: no participant call). An empty batch or an item without a result is a rejection.</summary>
    public Task<StepResult<BatchMerge>> MergeResults(StepInput<BatchMergeInput> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var items = input.Data.Items;
        if (items is null || items.Count == 0)
        {
            return Task.FromResult(StepResult.Reject<BatchMerge>("nothing_to_merge", $"Batch {input.Data.BatchId} has no processed items."));
        }

        if (items.FirstOrDefault(i => string.IsNullOrWhiteSpace(i.WorkId) || string.IsNullOrWhiteSpace(i.Result)) is { } missing)
        {
            return Task.FromResult(StepResult.Reject<BatchMerge>("missing_result", $"Item {missing.Index} ({missing.Item}) has no processing result."));
        }

        var ordered = items.OrderBy(i => i.Index).ToList();
        var counts = ordered.GroupBy(i => i.Item, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return Task.FromResult(StepResult.Ok(new BatchMerge(
            input.Data.BatchId,
            ordered.Count,
            [.. ordered.Select(i => i.Result)],
            counts,
            [.. ordered.Select(i => i.WorkId)])));
    }
}
