namespace SagaFunctions.Runtime;

/// <summary>No orchestrator is registered under this name.</summary>
public sealed class UnknownOrchestratorException : ArgumentException
{
    public UnknownOrchestratorException(string name)
        : base($"No orchestrator named '{name}' is registered with the durable runtime.")
    {
        OrchestratorName = name;
    }

    public string OrchestratorName { get; }
}
