using System.Globalization;
using System.Text.Json.Serialization;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// The batches of a migration and the input of one <see cref="MigrationBatches"/> chunk: the chunk starts at
/// <see cref="FirstBatch"/> (1-based) and ends at <see cref="LastBatch"/>; <see cref="RecordsMigrated"/> is what the
/// earlier chunks migrated. Every batch's idempotency key derives from <see cref="BatchKeyPrefix"/> (the migration
/// step's key, the same for every chunk and every retry) and the batch number.
/// </summary>
public sealed record MigrationBatchPlan(
    string MigrationId,
    long TotalRecords,
    int BatchCount,
    int PauseSeconds,
    int FirstBatch = 1,
    long RecordsMigrated = 0,
    string? BatchKeyPrefix = null)
{
    /// <summary>Batches per chunk: the batches spread over at most <see cref="MigrationBatches.MaxChunks"/> chunks (1 up to that many batches).</summary>
    [JsonIgnore]
    public int ChunkSize => BatchCount <= MigrationBatches.MaxChunks ? 1 : ((BatchCount - 1) / MigrationBatches.MaxChunks) + 1;

    /// <summary>The last batch of the chunk that starts at <see cref="FirstBatch"/>.</summary>
    [JsonIgnore]
    public int LastBatch => Math.Min(BatchCount, FirstBatch + ChunkSize - 1);

    /// <summary>The chunk after this one, starting after <see cref="LastBatch"/>; null when this is the last chunk.</summary>
    public MigrationBatchPlan? NextChunk(long recordsMigrated) =>
        LastBatch < BatchCount ? this with { FirstBatch = LastBatch + 1, RecordsMigrated = recordsMigrated } : null;

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
