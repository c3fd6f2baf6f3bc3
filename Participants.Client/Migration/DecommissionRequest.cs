namespace SagaFunctions.Participants.Client;

public sealed record DecommissionRequest(string MigrationId);
