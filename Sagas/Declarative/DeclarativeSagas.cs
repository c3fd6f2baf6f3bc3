using System.Text.Json;
using System.Text.Json.Nodes;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// Loads the definition files of a folder at startup and turns each into a <see cref="SagaDeclaration"/> served like
/// any C# saga (<c>POST /api/sagas/{name}</c>). Every registration runs the one generic orchestrator
/// (<see cref="OrchestratorName"/>), which both hosts register once; the instance's input names its route.
/// </summary>
public static class DeclarativeSagas
{
    /// <summary>The configuration key of the definitions folder.</summary>
    public const string PathSetting = "Sagas:DefinitionsPath";

    /// <summary>The folder beside the app used when <see cref="PathSetting"/> is not set.</summary>
    public const string DefaultFolder = "definitions";

    /// <summary>The generic orchestrator every declarative saga runs.</summary>
    public const string OrchestratorName = nameof(DeclarativeSaga);

    /// <summary>
    /// The generic orchestrator as the engines register it (once, whatever the definitions); unversioned, since each
    /// instance carries its definition.
    /// </summary>
    public static SagaDeclaration Orchestrator { get; } =
        SagaDeclaration.Helper<DeclarativeSagaInput, DeclarativeResult>("declarative-saga", OrchestratorName, DeclarativeSaga.RunAsync)
            .WithActivities<DeclarativeActivities>();

    /// <summary>
    /// Loads every <c>*.json</c> of the folder <paramref name="configuredPath"/> (relative to
    /// <paramref name="baseDirectory"/>; <see cref="DefaultFolder"/> when null) except JSON Schemas (<c>*.schema.json</c>).
    /// A missing default folder means no declarative sagas; a missing configured folder, an invalid file, two files
    /// with one name or a name a C# saga already has (<paramref name="takenRoutes"/>) throw
    /// <see cref="InvalidDefinitionException"/> listing every error with its file and JSON path.
    /// </summary>
    public static IReadOnlyList<SagaDeclaration> Load(string? configuredPath, string baseDirectory, IEnumerable<string> takenRoutes)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(takenRoutes);
        var folder = Path.GetFullPath(Path.Combine(baseDirectory, string.IsNullOrWhiteSpace(configuredPath) ? DefaultFolder : configuredPath));
        if (!Directory.Exists(folder))
        {
            return string.IsNullOrWhiteSpace(configuredPath)
                ? []
                : throw new InvalidDefinitionException([new DefinitionError(folder, "$", $"the folder named by {PathSetting} does not exist.")]);
        }

        var files = Directory.GetFiles(folder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        return FromFiles(files, takenRoutes);
    }

    /// <summary>Reads and validates (file name, content) pairs into registrations; see <see cref="Load"/> for the errors.</summary>
    public static IReadOnlyList<SagaDeclaration> FromFiles(IEnumerable<(string File, string Json)> files, IEnumerable<string> takenRoutes)
    {
        ArgumentNullException.ThrowIfNull(files);
        var taken = new HashSet<string>(takenRoutes, StringComparer.OrdinalIgnoreCase);
        var errors = new List<DefinitionError>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var registrations = new List<SagaDeclaration>();
        foreach (var (file, json) in files)
        {
            var (definition, fileErrors) = DefinitionReader.Read(file, json);
            errors.AddRange(fileErrors);
            if (definition is null)
            {
                continue;
            }

            if (taken.Contains(definition.Name))
            {
                errors.Add(new DefinitionError(file, "$.name", $"saga '{definition.Name}' is already a C# saga's route."));
            }
            else if (!seen.TryAdd(definition.Name, file))
            {
                errors.Add(new DefinitionError(file, "$.name", $"saga '{definition.Name}' is also defined in {seen[definition.Name]}."));
            }
            else
            {
                registrations.Add(ToRegistration(definition));
            }
        }

        return errors.Count > 0 ? throw new InvalidDefinitionException(errors) : registrations;
    }

    /// <summary>The registration of one definition: its route, the generic orchestrator, its events and its input binder.</summary>
    public static SagaDeclaration ToRegistration(DeclarativeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var events = definition.Steps.Select(s => s.Wait?.Event).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new SagaDeclaration(definition.Name, OrchestratorName, typeof(JsonElement), [.. events, Kernel.Saga.CancelEventName], Orchestrator.Run)
        {
            Version = definition.Version,
            Definition = Describe(definition, [.. events, Kernel.Saga.CancelEventName]),
            SharesOrchestrator = true,
            BindInput = body =>
            {
                var (request, errors) = InputSchema.Validate(definition.Input, body);
                return request is null
                    ? (null, errors)
                    : (new DeclarativeSagaInput(definition.Name, definition.Version, JsonSerializer.SerializeToElement<JsonNode>(request), definition), errors);
            },
        };
    }

    /// <summary>The definition in the shape <c>GET /api/definitions</c> serves for every saga.</summary>
    public static SagaDefinition Describe(DeclarativeDefinition definition, IReadOnlyList<string> events)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var steps = new List<StepDefinition>();
        var waits = new List<WaitDefinition>();
        string? previous = null;
        foreach (var step in definition.Steps)
        {
            if (step.Wait is { } wait)
            {
                waits.Add(new WaitDefinition(wait.Event, previous ?? step.Name, wait.TimeoutSeconds, wait.OnTimeout == WaitSpec.Continue ? WaitSpec.Continue : wait.Outcome ?? definition.Outcomes.Failure));
                previous = step.Name;
                continue;
            }

            foreach (var branch in step.Parallel ?? [step])
            {
                steps.Add(new StepDefinition(
                    branch.Name,
                    branch.Compensation is { } c ? $"{c.Service}.{c.Method}" : null,
                    branch.Pivot,
                    branch.NonCritical,
                    step.Parallel is null ? null : step.Name,
                    MaxAttempts: branch.Retry?.MaxAttempts ?? Kernel.SagaOptions.Default.StepRetry.MaxAttempts,
                    TimeoutSeconds: branch.TimeoutSeconds));
                previous = branch.Name;
            }
        }

        var outcomes = new[] { definition.Outcomes.Success, definition.Outcomes.Failure, definition.Outcomes.Cancelled }
            .Concat(definition.Steps.Select(s => s.Wait?.Outcome).OfType<string>())
            .Concat(definition.Steps.Any(s => s.Pivot) ? [definition.Outcomes.ManualIntervention] : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new SagaDefinition(definition.Name, SagaDefinition.DeclarativeKind, definition.Version, definition.Description, steps, waits, events, outcomes);
    }
}
