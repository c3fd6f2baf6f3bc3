namespace SagaFunctions.Participants.Client;

public sealed record RunTestsRequest(string DeploymentId, string Version, string? ImageTag = null);
