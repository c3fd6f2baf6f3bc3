using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Deployment;

/// <summary>Deployment outcome: <c>deployed</c>, <c>tests_failed</c>, <c>failed</c> or <c>cancelled</c>; logs are kept on every rollback.</summary>
public sealed record DeploymentResult : SagaResult
{
    public required string DeploymentId { get; init; }

    public required string Version { get; init; }

    public string? StagingDeployId { get; init; }

    public string? ProductionDeployId { get; init; }

    public string? TestSummary { get; init; }

    public string? Hostname { get; init; }

    /// <summary>Logs collected before the rollbacks (empty when nothing was rolled back).</summary>
    public IReadOnlyList<DeploymentLog> Logs { get; init; } = [];
}
