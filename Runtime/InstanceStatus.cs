namespace SagaFunctions.Runtime;

/// <summary>An instance's metadata, shaped like Durable's <c>OrchestrationMetadata</c>.</summary>
/// <param name="Version">The version the instance was started with (empty: none).</param>
/// <param name="TraceParent">The W3C trace parent it was started with (<see cref="StartOptions.TraceParent"/>), or null.</param>
public sealed record InstanceStatus(
    string InstanceId,
    string Name,
    OrchestrationStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    FailureDetails? FailureDetails,
    string Version = "",
    string? TraceParent = null)
{
    /// <summary>True for Completed, Failed and Terminated.</summary>
    public bool IsFinished => RuntimeStatus.IsFinished();
}
