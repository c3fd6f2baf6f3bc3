namespace SagaFunctions.Http;

/// <summary>An orchestration instance as both engines describe it (Durable's <c>OrchestrationMetadata</c> shape).</summary>
/// <param name="RuntimeStatus">Durable's names: Pending, Running, Completed, ContinuedAsNew, Failed, Terminated, Suspended.</param>
/// <param name="Version">The version the instance started with; null or empty when it recorded none.</param>
public sealed record SagaInstance(
    string InstanceId,
    string Name,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    string? FailureType,
    string? FailureMessage,
    string? Version = null)
{
    public bool IsFinished => RuntimeStatus is "Completed" or "Failed" or "Terminated";
}
