namespace SagaFunctions.Runtime;

/// <summary>No instance with this id exists (HTTP 404).</summary>
public sealed class InstanceNotFoundException : InvalidOperationException
{
    public InstanceNotFoundException(string instanceId)
        : base($"No orchestration instance with id '{instanceId}' exists.")
    {
        InstanceId = instanceId;
    }

    public string InstanceId { get; }
}
