namespace SagaFunctions.Participants.Client;

/// <summary><see cref="TotalMigrated"/> is the migration's total after this batch.</summary>
public sealed record MigrateBatchResponse(string MigrationId, int BatchNumber, int RecordsMigrated, long TotalMigrated);
