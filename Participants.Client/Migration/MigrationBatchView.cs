namespace SagaFunctions.Participants.Client;

public sealed record MigrationBatchView(int BatchNumber, int RecordsMigrated, DateTimeOffset MigratedAt);
