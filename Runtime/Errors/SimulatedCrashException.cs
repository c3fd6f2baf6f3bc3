namespace SagaFunctions.Runtime;

/// <summary>The runtime stopped at a commit point because <see cref="FaultHooks.CrashAfterCommit"/> said so.</summary>
public sealed class SimulatedCrashException : InvalidOperationException
{
    public SimulatedCrashException(int commitPoint)
        : base($"Simulated crash after commit point {commitPoint}.")
    {
        CommitPoint = commitPoint;
    }

    public int CommitPoint { get; }
}
