namespace SagaFunctions.Runtime;

/// <summary>An instance's metadata, shaped like Durable's <c>OrchestrationMetadata</c>.</summary>
public sealed record InstanceStatus(
    string InstanceId,
    string Name,
    OrchestrationStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    FailureDetails? FailureDetails)
{
    /// <summary>True for Completed, Failed and Terminated.</summary>
    public bool IsFinished => RuntimeStatus.IsFinished();
}
