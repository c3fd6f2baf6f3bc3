using System.Text.Json;
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

    /// <summary>
    /// Binds a start body to the orchestration input, with errors naming the fields; null for a C# saga, whose body binds
    /// to <see cref="RequestType"/> and validates itself (<see cref="ISagaRequest"/>). Declarative sagas validate the
    /// body against their definition's input schema here.
    /// </summary>
    public Func<JsonElement, (object? Input, IReadOnlyList<FieldError> Errors)>? BindInput { get; init; }

    /// <summary>
    /// True when several routes run this one orchestrator (every declarative saga runs the generic one): then an
    /// instance belongs to the route named by the <c>saga</c> field of its input, on both engines.
    /// </summary>
    public bool SharesOrchestrator { get; init; }
}
