using System.Text.Json;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// The sagas the HTTP API exposes, looked up by route name (<c>order</c>, <c>money-transfer</c>, …) or by instance.
/// A saga can be registered in several versions (same route, same orchestrator, different <see cref="SagaDeclaration.Version"/>):
/// they are grouped by route, and a start takes the newest unless it names one.
/// Built once from the catalog (and the loaded declarative definitions) by the host; tests build it from their own
/// registrations.
/// <para>
/// The rule that maps an instance to its route, the same on both engines: the instance's orchestrator name, unless that
/// orchestrator is shared by several routes (<see cref="SagaDeclaration.SharesOrchestrator"/>: every declarative saga
/// runs the one generic orchestrator, since Azure Functions cannot register functions at run time); then the
/// <c>saga</c> field of the instance's input names the route.
/// </para>
/// </summary>
public sealed class SagaRegistry
{
    /// <summary>The input field that names the route of an instance of a shared orchestrator.</summary>
    public const string SagaField = "saga";

    /// <summary>The input field that holds the start request of an instance of a shared orchestrator.</summary>
    public const string InputField = "input";

    private readonly Dictionary<string, IReadOnlyList<SagaDeclaration>> _byRoute;
    private readonly Dictionary<string, IReadOnlyList<SagaDeclaration>> _byOrchestrator;
    private readonly HashSet<string> _shared;

    public SagaRegistry(IEnumerable<SagaDeclaration> sagas)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        _byRoute = new Dictionary<string, IReadOnlyList<SagaDeclaration>>(StringComparer.OrdinalIgnoreCase);
        _byOrchestrator = new Dictionary<string, IReadOnlyList<SagaDeclaration>>(StringComparer.Ordinal);
        _shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in sagas.GroupBy(s => s.Route, StringComparer.OrdinalIgnoreCase))
        {
            var versions = SagaVersions.NewestFirst(route);
            if (versions.Select(v => v.OrchestratorName).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                throw new ArgumentException($"The versions of saga route '{route.Key}' name different orchestrators; they must share one.", nameof(sagas));
            }

            var newest = versions[0];
            if (newest.SharesOrchestrator)
            {
                _shared.Add(newest.OrchestratorName);
            }
            else if (!_byOrchestrator.TryAdd(newest.OrchestratorName, versions))
            {
                throw new ArgumentException($"Orchestrator '{newest.OrchestratorName}' is registered twice.", nameof(sagas));
            }

            _byRoute.Add(route.Key, versions);
        }

        if (_shared.FirstOrDefault(_byOrchestrator.ContainsKey) is { } both)
        {
            throw new ArgumentException($"Orchestrator '{both}' is registered both as shared and as one saga's own.", nameof(sagas));
        }

        Sagas = [.. _byRoute.Values.Select(v => v[0])];
    }

    /// <summary>Every saga once: its newest version's registration.</summary>
    public IReadOnlyList<SagaDeclaration> Sagas { get; }

    /// <summary>The newest version of the saga served under <paramref name="route"/>, or null.</summary>
    public SagaDeclaration? FindByRoute(string? route) =>
        route is not null && _byRoute.TryGetValue(route, out var versions) ? versions[0] : null;

    /// <summary>Version <paramref name="version"/> of the saga served under <paramref name="route"/>, or null when not registered.</summary>
    public SagaDeclaration? FindVersion(string? route, string? version) =>
        Versions(route).FirstOrDefault(v => SagaVersions.Same(v.Version, version));

    /// <summary>The registered versions of the saga served under <paramref name="route"/>, newest first (empty when unknown).</summary>
    public IReadOnlyList<SagaDeclaration> Versions(string? route) =>
        route is not null && _byRoute.TryGetValue(route, out var versions) ? versions : [];

    /// <summary>
    /// The saga whose own orchestrator is <paramref name="orchestratorName"/> (its newest version), or null (e.g. the
    /// dead-letter retry, or a shared orchestrator: use <see cref="FindByInstance"/>).
    /// </summary>
    public SagaDeclaration? FindByOrchestrator(string? orchestratorName) =>
        orchestratorName is not null && _byOrchestrator.TryGetValue(orchestratorName, out var versions) ? versions[0] : null;

    /// <summary>The saga <paramref name="instance"/> belongs to (see the class remarks for the rule), or null.</summary>
    public SagaDeclaration? FindByInstance(SagaInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!_shared.Contains(instance.Name))
        {
            return FindByOrchestrator(instance.Name);
        }

        var saga = FindByRoute(ReadInputField(instance.SerializedInput, SagaField) is { ValueKind: JsonValueKind.String } route ? route.GetString() : null);
        return saga is not null && saga.SharesOrchestrator && string.Equals(saga.OrchestratorName, instance.Name, StringComparison.Ordinal) ? saga : null;
    }

    /// <summary>
    /// <paramref name="instance"/> as the saga view shows it: for a shared orchestrator, its input is the start request
    /// (the <c>input</c> field of the orchestration input), as for every other saga.
    /// </summary>
    public SagaInstance AsRequested(SagaInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return _shared.Contains(instance.Name) && ReadInputField(instance.SerializedInput, InputField) is { } request
            ? instance with { SerializedInput = request.GetRawText() }
            : instance;
    }

    private static JsonElement? ReadInputField(string? serializedInput, string field)
    {
        if (SagaHttpJson.ParseOrNull(serializedInput) is not { ValueKind: JsonValueKind.Object } input)
        {
            return null;
        }

        return input.TryGetProperty(field, out var value) ? value : null;
    }
}
