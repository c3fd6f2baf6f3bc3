namespace SagaFunctions.Participants.Client;

public sealed record SwitchTrafficRequest(string MigrationId);
