namespace SagaFunctions.Sagas.Deployment;

/// <summary>
/// The logs of one environment, collected (and archived by the participant) before that environment was rolled back.
/// <see cref="Error"/> is set when they could not be collected; the rollback still happens.
/// </summary>
public sealed record DeploymentLog(string Environment, IReadOnlyList<string> Lines, string? Error = null);
