using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Http;

/// <summary>
/// The sagas the HTTP API exposes, looked up by route name (<c>order</c>, <c>money-transfer</c>, …) or orchestrator name.
/// A saga can be registered in several versions (same route, same orchestrator, different <see cref="SagaRegistration.Version"/>):
/// they are grouped by route, and a start takes the newest unless it names one.
/// Built once from the catalog by the host; tests build it from their own registrations.
/// </summary>
public sealed class SagaRegistry
{
    private readonly Dictionary<string, IReadOnlyList<SagaRegistration>> _byRoute;
    private readonly Dictionary<string, IReadOnlyList<SagaRegistration>> _byOrchestrator;

    public SagaRegistry(IEnumerable<SagaRegistration> sagas)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        _byRoute = new Dictionary<string, IReadOnlyList<SagaRegistration>>(StringComparer.OrdinalIgnoreCase);
        _byOrchestrator = new Dictionary<string, IReadOnlyList<SagaRegistration>>(StringComparer.Ordinal);
        foreach (var route in sagas.GroupBy(s => s.Route, StringComparer.OrdinalIgnoreCase))
        {
            var versions = SagaVersions.NewestFirst(route);
            if (versions.Select(v => v.OrchestratorName).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                throw new ArgumentException($"The versions of saga route '{route.Key}' name different orchestrators; they must share one.", nameof(sagas));
            }

            if (!_byOrchestrator.TryAdd(versions[0].OrchestratorName, versions))
            {
                throw new ArgumentException($"Orchestrator '{versions[0].OrchestratorName}' is registered twice.", nameof(sagas));
            }

            _byRoute.Add(route.Key, versions);
        }

        Sagas = [.. _byRoute.Values.Select(v => v[0])];
    }

    /// <summary>Every saga once: its newest version's registration.</summary>
    public IReadOnlyList<SagaRegistration> Sagas { get; }

    /// <summary>The newest version of the saga served under <paramref name="route"/>, or null.</summary>
    public SagaRegistration? FindByRoute(string? route) =>
        route is not null && _byRoute.TryGetValue(route, out var versions) ? versions[0] : null;

    /// <summary>Version <paramref name="version"/> of the saga served under <paramref name="route"/>, or null when not registered.</summary>
    public SagaRegistration? FindVersion(string? route, string? version) =>
        Versions(route).FirstOrDefault(v => SagaVersions.Same(v.Version, version));

    /// <summary>The registered versions of the saga served under <paramref name="route"/>, newest first (empty when unknown).</summary>
    public IReadOnlyList<SagaRegistration> Versions(string? route) =>
        route is not null && _byRoute.TryGetValue(route, out var versions) ? versions : [];

    /// <summary>The saga whose orchestrator is <paramref name="orchestratorName"/> (its newest version), or null (e.g. the dead-letter retry).</summary>
    public SagaRegistration? FindByOrchestrator(string? orchestratorName) =>
        orchestratorName is not null && _byOrchestrator.TryGetValue(orchestratorName, out var versions) ? versions[0] : null;
}
