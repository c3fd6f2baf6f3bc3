namespace SagaFunctions.Sagas.Migration;

/// <summary>What the batch sub-orchestration did: batches completed and the migration's record total after the last one.</summary>
public sealed record MigrationBatchesResult(int BatchesCompleted, long RecordsMigrated);
