namespace SagaFunctions.Participants.Client;

public sealed record UpdateDnsRequest(string DeploymentId, string Version);
