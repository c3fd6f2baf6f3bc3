using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Definitions;

namespace SagaFunctions.Sagas.Catalog;

/// <summary>
/// One reference saga as the hosts see it: its route name (docs/architecture.md, "HTTP contract"), its orchestrator name (<c>nameof</c> of the saga
/// class), its request type (JSON body of the start route) and the orchestrator body to register with an engine.
/// </summary>
public sealed record SagaRegistration(
    string Route,
    string OrchestratorName,
    Type RequestType,
    IReadOnlyList<string> EventNames,
    Func<IOrchestrationContext, Task<object?>> Run)
{
    /// <summary>The version new instances start with (an instance keeps the version it started with).</summary>
    public string Version { get; init; } = "1";

    /// <summary>The saga's steps, compensations, waits and outcomes as data (served by <c>GET /api/definitions</c>).</summary>
    public SagaDefinition? Definition { get; init; }
}
