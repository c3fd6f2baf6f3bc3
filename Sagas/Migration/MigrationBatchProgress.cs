namespace SagaFunctions.Sagas.Migration;

/// <summary>The custom status of the batch sub-orchestration.</summary>
public sealed record MigrationBatchProgress(string MigrationId, int Batch, int BatchCount, long RecordsMigrated, string State);
