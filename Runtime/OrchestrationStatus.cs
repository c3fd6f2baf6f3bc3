namespace SagaFunctions.Runtime;

/// <summary>Durable Task's runtime statuses (same names, so the HTTP contract is identical on both engines).</summary>
public enum OrchestrationStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    ContinuedAsNew = 3,
    Failed = 4,
    Terminated = 5,
    Suspended = 6,
}
