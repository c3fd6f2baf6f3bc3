namespace SagaFunctions.Participants.Client;

/// <summary>Consistent when the migrated record count equals <see cref="ExpectedRecords"/>.</summary>
public sealed record VerifyMigrationRequest(string MigrationId, long ExpectedRecords);
