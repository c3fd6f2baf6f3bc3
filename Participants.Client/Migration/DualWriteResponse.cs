namespace SagaFunctions.Participants.Client;

public sealed record DualWriteResponse(string MigrationId, bool DualWrite);
