namespace SagaFunctions.Runtime;

/// <summary>
/// Replaying the orchestrator produced different actions than its recorded history: the code changed, or it used
/// a non-deterministic API. The instance fails with this error.
/// </summary>
public sealed class NonDeterminismException : InvalidOperationException
{
    public NonDeterminismException(string instanceId, int taskId, string expected, string actual)
        : base($"Non-deterministic orchestrator in instance '{instanceId}': at task {taskId} the history has {expected} but the code now produced {actual}.")
    {
        InstanceId = instanceId;
        TaskId = taskId;
        Expected = expected;
        Actual = actual;
    }

    public string InstanceId { get; }

    public int TaskId { get; }

    public string Expected { get; }

    public string Actual { get; }
}
