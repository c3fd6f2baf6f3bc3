namespace SagaFunctions.Participants.Client;

public sealed record DualWriteRequest(string MigrationId, string ServiceId, bool Enabled);
