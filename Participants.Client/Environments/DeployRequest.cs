namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Environment"/>: <c>staging</c> or <c>production</c>.</summary>
public sealed record DeployRequest(string DeploymentId, string Environment, string Version, string? ImageTag = null);
