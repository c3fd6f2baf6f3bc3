namespace SagaFunctions.Participants.Client;

public sealed record CollectLogsRequest(string DeploymentId, string Environment);
