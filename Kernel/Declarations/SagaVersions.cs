namespace SagaFunctions.Kernel.Declarations;

/// <summary>
/// Versions of one saga registered side by side: the engine gets one orchestrator per orchestrator name, which runs the
/// body of the version the instance recorded when it started, and fails the instance when that version is no longer
/// registered (it never runs another version's code).
/// </summary>
public static class SagaVersions
{
    /// <summary>The version of an instance that recorded none (started before its saga declared versions).</summary>
    public const string Implicit = "1";

    /// <summary>
    /// Durable Task's version order (<c>TaskOrchestrationVersioningUtils.CompareVersions</c>, which host.json's
    /// <c>versionMatchStrategy</c> uses): empty is older than any version and equal to empty; two <see cref="System.Version"/>
    /// strings (<c>1.2</c>, <c>2.0.1</c>) compare as versions; anything else compares as text, ignoring case — so <c>"10"</c>
    /// sorts before <c>"9"</c>: past nine, use dotted versions (<c>10.0</c>).
    /// </summary>
    public static int Compare(string? left, string? right)
    {
        var leftEmpty = string.IsNullOrWhiteSpace(left);
        var rightEmpty = string.IsNullOrWhiteSpace(right);
        if (leftEmpty || rightEmpty)
        {
            return leftEmpty.CompareTo(rightEmpty) * -1;
        }

        return System.Version.TryParse(left, out var l) && System.Version.TryParse(right, out var r)
            ? l.CompareTo(r)
            : string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> name the same version.</summary>
    public static bool Same(string? left, string? right) => Compare(left, right) == 0;

    /// <summary>The version an instance runs: the one it recorded, or <see cref="Implicit"/> when it recorded none.</summary>
    public static string OfInstance(string? recorded) => string.IsNullOrEmpty(recorded) ? Implicit : recorded;

    /// <summary>
    /// One registration per orchestrator name, for an engine: several versions of a saga become one orchestrator (the
    /// newest version's registration) whose body dispatches on <see cref="IOrchestrationContext.Version"/>; an instance
    /// whose version is not registered publishes <see cref="VersionFailureStatus"/> and fails with
    /// <see cref="SagaVersionNotRegisteredException"/>. A registration
    /// with an empty <see cref="SagaDeclaration.Version"/> is unversioned (a helper such as the migration's batches):
    /// it runs whatever version its instance has, and may not share its name with versioned ones.
    /// Throws <see cref="ArgumentException"/> for a version registered twice or a name mixing unversioned and versioned.
    /// </summary>
    public static IReadOnlyList<SagaDeclaration> ForEngine(IEnumerable<SagaDeclaration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        return
        [
            .. registrations
                .GroupBy(r => r.OrchestratorName, StringComparer.Ordinal)
                .Select(group => Combine([.. group])),
        ];
    }

    /// <summary>The registrations of one saga, newest version first; throws when a version is registered twice.</summary>
    public static IReadOnlyList<SagaDeclaration> NewestFirst(IEnumerable<SagaDeclaration> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var ordered = versions.OrderByDescending(v => v.Version, Comparer<string>.Create(Compare)).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (Same(ordered[i - 1].Version, ordered[i].Version))
            {
                throw new ArgumentException(
                    $"Saga '{ordered[i].Route}' (orchestrator '{ordered[i].OrchestratorName}') registers version '{ordered[i].Version}' twice.",
                    nameof(versions));
            }
        }

        return ordered;
    }

    private static SagaDeclaration Combine(IReadOnlyList<SagaDeclaration> group)
    {
        var versions = NewestFirst(group);
        if (versions.Count > 1 && versions.Any(v => string.IsNullOrEmpty(v.Version)))
        {
            throw new ArgumentException(
                $"Orchestrator '{versions[0].OrchestratorName}' is registered both unversioned and with versions; give every registration a version.",
                nameof(group));
        }

        var newest = versions[0];
        if (string.IsNullOrEmpty(newest.Version))
        {
            return newest;
        }

        var route = newest.Route;
        return newest with
        {
            Run = context =>
            {
                ArgumentNullException.ThrowIfNull(context);
                var version = OfInstance(context.Version);
                var registration = versions.FirstOrDefault(v => Same(v.Version, version));
                if (registration is null)
                {
                    var error = new SagaVersionNotRegisteredException(route, version, [.. versions.Select(v => v.Version)]);
                    context.SetCustomStatus(VersionFailureStatus.For(error));
                    throw error;
                }

                return registration.Run(context);
            },
        };
    }
}
