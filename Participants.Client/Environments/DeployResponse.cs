namespace SagaFunctions.Participants.Client;

public sealed record DeployResponse(string DeployId, string DeploymentId, string Environment, string Version, string? PreviousVersion);
