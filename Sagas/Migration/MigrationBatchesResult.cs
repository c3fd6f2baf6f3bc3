namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// What a batch chunk did: the batches the migration has completed so far (the chunk's last batch number) and the
/// migration's record total after that batch.
/// </summary>
public sealed record MigrationBatchesResult(int BatchesCompleted, long RecordsMigrated);
