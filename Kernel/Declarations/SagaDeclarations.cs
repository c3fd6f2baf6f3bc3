namespace SagaFunctions.Kernel.Declarations;

/// <summary>
/// What an engine registers for a list of saga declarations, derived from them: every orchestrator (the sagas, the
/// sub-orchestrations they start, and the host's platform orchestrators), every activity (the public methods of each
/// declared activities class) and the activities classes themselves, for DI.
/// </summary>
public static class SagaDeclarations
{
    /// <summary>The sagas, their sub-orchestrations, then <paramref name="platform"/> (not routes of their own).</summary>
    public static IReadOnlyList<SagaDeclaration> Orchestrators(IEnumerable<SagaDeclaration> sagas, IEnumerable<SagaDeclaration>? platform = null)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        var list = sagas.ToList();
        return [.. list, .. list.SelectMany(s => s.SubOrchestrators), .. platform ?? []];
    }

    /// <summary>
    /// Every activity of the sagas' activities classes, tagged with the saga's route, then those of
    /// <paramref name="platform"/>, untagged (every saga shares them).
    /// </summary>
    public static IReadOnlyList<ActivityRegistration> Activities(IEnumerable<SagaDeclaration> sagas, IEnumerable<SagaDeclaration>? platform = null)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        return
        [
            .. sagas.SelectMany(s => Of(s, s.Route)),
            .. (platform ?? []).SelectMany(p => Of(p, null)),
        ];
    }

    /// <summary>Every activities class a declaration (or one of its sub-orchestrations) names, once each.</summary>
    public static IReadOnlyList<Type> ActivityClasses(IEnumerable<SagaDeclaration> orchestrators)
    {
        ArgumentNullException.ThrowIfNull(orchestrators);
        return [.. orchestrators.SelectMany(o => o.SubOrchestrators.Prepend(o)).Select(o => o.Activities).OfType<Type>().Distinct()];
    }

    private static IEnumerable<ActivityRegistration> Of(SagaDeclaration declaration, string? saga) =>
        declaration.SubOrchestrators.Prepend(declaration)
            .Select(o => o.Activities)
            .OfType<Type>()
            .Distinct()
            .SelectMany(type => ActivityRegistration.FromClass(type, saga));
}
