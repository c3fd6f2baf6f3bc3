using System.Text.Json;
using SagaFunctions.Kernel.Definitions;

namespace SagaFunctions.Kernel.Declarations;

/// <summary>
/// Everything the hosts need to know about one saga, declared once in the saga's own folder: its route (the
/// <c>{saga}</c> of <c>/api/sagas/{saga}</c>), its orchestrator name (<c>nameof</c> of the saga class), request and
/// result types, the events it accepts with their payload types, its activities class, the orchestrators it starts
/// (<see cref="SubOrchestrators"/>) and the orchestrator body. The embedded runtime's registrations, the DI
/// registrations, the HTTP registry and the checks of FunctionApp's functions are all derived from these declarations
/// (docs/architecture.md, "One declaration per saga"). Build one with <see cref="For{TRequest, TResult}"/>.
/// </summary>
public sealed record SagaDeclaration(
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

    /// <summary>The orchestrator's output type (the saga's result); null when undeclared.</summary>
    public Type? ResultType { get; init; }

    /// <summary>
    /// The class whose public <c>Task&lt;T&gt; Name(TInput, CancellationToken)</c> methods are the saga's activities
    /// (<see cref="ActivityRegistration.FromClass"/>), resolved from the host's services; null when it has none of its own.
    /// </summary>
    public Type? Activities { get; init; }

    /// <summary>The payload type of each event in <see cref="EventNames"/> that declares one (by event name).</summary>
    public IReadOnlyDictionary<string, Type> EventPayloads { get; init; } = new Dictionary<string, Type>(StringComparer.Ordinal);

    /// <summary>The orchestrators this saga starts as sub-orchestrations (registered with it, not routed).</summary>
    public IReadOnlyList<SagaDeclaration> SubOrchestrators { get; init; } = [];

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

    /// <summary>
    /// A C# saga: started at <c>POST /api/sagas/{route}</c> with a <typeparamref name="TRequest"/> body, run by
    /// <paramref name="run"/>, ending with a <typeparamref name="TResult"/>. It accepts the kernel's cancel event; add
    /// its own events with <see cref="Accepts{TPayload}"/> and its activities with <see cref="WithActivities{T}"/>.
    /// </summary>
    public static SagaDeclaration For<TRequest, TResult>(string route, string orchestratorName, Func<IOrchestrationContext, Task<TResult>> run, SagaDefinition? definition = null)
        where TRequest : ISagaRequest
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SagaDeclaration(route, orchestratorName, typeof(TRequest), [Saga.CancelEventName], async context => await run(context))
        {
            ResultType = typeof(TResult),
            Definition = definition,
            EventPayloads = new Dictionary<string, Type>(StringComparer.Ordinal) { [Saga.CancelEventName] = typeof(CancelRequest) },
        };
    }

    /// <summary>
    /// An orchestrator that is not a saga route (a sub-orchestration, the dead-letter retry): unversioned, so it runs
    /// whatever version its instance has.
    /// </summary>
    public static SagaDeclaration Helper<TInput, TResult>(string name, string orchestratorName, Func<IOrchestrationContext, Task<TResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SagaDeclaration(name, orchestratorName, typeof(TInput), [], async context => await run(context))
        {
            Version = string.Empty,
            ResultType = typeof(TResult),
        };
    }

    /// <summary>This declaration accepting the external event <paramref name="eventName"/> with a <typeparamref name="TPayload"/> body (listed before <c>cancel</c>).</summary>
    public SagaDeclaration Accepts<TPayload>(string eventName) => this with
    {
        EventNames = [.. EventNames.Where(e => e != Saga.CancelEventName), eventName, .. EventNames.Where(e => e == Saga.CancelEventName)],
        EventPayloads = new Dictionary<string, Type>(EventPayloads, StringComparer.Ordinal) { [eventName] = typeof(TPayload) },
    };

    /// <summary>This declaration with its activities class.</summary>
    public SagaDeclaration WithActivities<TActivities>()
        where TActivities : class => this with { Activities = typeof(TActivities) };

    /// <summary>This declaration with the orchestrators it starts as sub-orchestrations.</summary>
    public SagaDeclaration Starts(params SagaDeclaration[] subOrchestrators) => this with { SubOrchestrators = subOrchestrators };
}
