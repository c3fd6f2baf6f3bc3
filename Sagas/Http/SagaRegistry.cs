using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Http;

/// <summary>
/// The sagas the HTTP API exposes, looked up by route name (<c>order</c>, <c>money-transfer</c>, …) or orchestrator name.
/// Built once from the catalog by the host; tests build it from their own registrations.
/// </summary>
public sealed class SagaRegistry
{
    private readonly Dictionary<string, SagaRegistration> _byRoute;
    private readonly Dictionary<string, SagaRegistration> _byOrchestrator;

    public SagaRegistry(IEnumerable<SagaRegistration> sagas)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        Sagas = sagas.ToArray();
        _byRoute = new Dictionary<string, SagaRegistration>(StringComparer.OrdinalIgnoreCase);
        _byOrchestrator = new Dictionary<string, SagaRegistration>(StringComparer.Ordinal);
        foreach (var saga in Sagas)
        {
            if (!_byRoute.TryAdd(saga.Route, saga))
            {
                throw new ArgumentException($"Saga route '{saga.Route}' is registered twice.", nameof(sagas));
            }

            if (!_byOrchestrator.TryAdd(saga.OrchestratorName, saga))
            {
                throw new ArgumentException($"Orchestrator '{saga.OrchestratorName}' is registered twice.", nameof(sagas));
            }
        }
    }

    public IReadOnlyList<SagaRegistration> Sagas { get; }

    /// <summary>The saga served under <paramref name="route"/>, or null.</summary>
    public SagaRegistration? FindByRoute(string? route) =>
        route is not null && _byRoute.TryGetValue(route, out var saga) ? saga : null;

    /// <summary>The saga whose orchestrator is <paramref name="orchestratorName"/>, or null (e.g. the dead-letter retry).</summary>
    public SagaRegistration? FindByOrchestrator(string? orchestratorName) =>
        orchestratorName is not null && _byOrchestrator.TryGetValue(orchestratorName, out var saga) ? saga : null;
}
