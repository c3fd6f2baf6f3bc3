namespace SagaFunctions.Participants.Client;

public sealed record DecommissionResponse(string MigrationId, bool OldSystemEnabled);
