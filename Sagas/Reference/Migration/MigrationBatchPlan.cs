using System.Globalization;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// The input of the <see cref="MigrationBatches"/> sub-orchestration: which batches are left (<see cref="NextBatch"/>,
/// 1-based) and what the earlier generations migrated. Carried across <c>ContinueAsNew</c>.
/// </summary>
public sealed record MigrationBatchPlan(string MigrationId, long TotalRecords, int BatchCount, int PauseSeconds, int NextBatch = 1, long RecordsMigrated = 0)
{
    /// <summary>The size of batch <paramref name="batch"/> (1-based): the records split as evenly as possible.</summary>
    public int SizeOf(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, BatchCount);
        var size = (TotalRecords / BatchCount) + (batch <= TotalRecords % BatchCount ? 1 : 0);
        return size <= int.MaxValue
            ? (int)size
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Batch {batch} would hold {size} records; use more batches."));
    }
}
