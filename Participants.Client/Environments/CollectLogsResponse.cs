namespace SagaFunctions.Participants.Client;

public sealed record CollectLogsResponse(string DeploymentId, string Environment, IReadOnlyList<string> Lines);
