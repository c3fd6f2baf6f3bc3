using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Batch;

/// <summary>The batch saga's branch step (reserve one unit of an item), its compensation, and the merge step.</summary>
public sealed class BatchActivities(InventoryClient inventory)
{
    public async Task<StepResult<ReserveResponse>> ProcessItem(StepInput<ReserveRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await inventory.ReserveAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> ReleaseItem(CompensationInput<ReserveRequest, ReserveResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var release = (await inventory.ReleaseAsync(input.IdempotencyKey, new ReleaseRequest(input.StepKey), ct)).Undone("release item");
        return release.NothingToUndo
            ? $"nothing to release for {string.Join(", ", input.StepData.Items.Select(i => i.Sku))}"
            : $"{release.Status} reservation {release.ReservationId}";
    }

    /// <summary>Merges the branches' results (pure: no participant call). An empty batch or a missing reservation is a rejection.</summary>
    public Task<StepResult<BatchMerge>> MergeResults(StepInput<BatchMergeInput> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var items = input.Data.Items;
        if (items is null || items.Count == 0)
        {
            return Task.FromResult(StepResult.Reject<BatchMerge>("nothing_to_merge", $"Batch {input.Data.BatchId} has no processed items."));
        }

        if (items.FirstOrDefault(i => string.IsNullOrWhiteSpace(i.ReservationId)) is { } missing)
        {
            return Task.FromResult(StepResult.Reject<BatchMerge>("missing_reservation", $"Item {missing.Index} ({missing.Item}) has no reservation."));
        }

        var ordered = items.OrderBy(i => i.Index).ToList();
        var units = ordered.GroupBy(i => i.Item, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return Task.FromResult(StepResult.Ok(new BatchMerge(input.Data.BatchId, ordered.Count, units, [.. ordered.Select(i => i.ReservationId)])));
    }
}
