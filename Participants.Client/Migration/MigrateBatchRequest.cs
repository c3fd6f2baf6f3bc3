namespace SagaFunctions.Participants.Client;

public sealed record MigrateBatchRequest(string MigrationId, int BatchNumber, int BatchSize);
