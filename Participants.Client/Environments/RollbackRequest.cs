namespace SagaFunctions.Participants.Client;

/// <summary>Roll back the deployment made with idempotency key <see cref="DeployKey"/>.</summary>
public sealed record RollbackRequest(string DeployKey);
