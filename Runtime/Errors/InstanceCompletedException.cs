namespace SagaFunctions.Runtime;

/// <summary>The instance has finished and accepts no more events (HTTP 410 Gone).</summary>
public sealed class InstanceCompletedException : InvalidOperationException
{
    public InstanceCompletedException(string instanceId, OrchestrationStatus status)
        : base($"Orchestration instance '{instanceId}' is {status} and accepts no more events.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    public string InstanceId { get; }

    public OrchestrationStatus Status { get; }
}
