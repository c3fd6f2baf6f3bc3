namespace SagaFunctions.Participants.Client;

public sealed record VerifyMigrationResponse(bool Consistent, long Migrated, long Expected);
