namespace SagaFunctions.Kernel.Definitions;

/// <summary>
/// What a saga does, as data: its steps in order (with their compensations, the pivot, parallel groups), the events it
/// waits for and the outcomes it can end with. <c>GET /api/definitions</c> serves it and the monitor draws it. A C# saga
/// declares it next to its code; a declarative saga is loaded from its JSON file.
/// </summary>
/// <param name="Saga">The route name (<c>order</c>, <c>order-fulfillment</c>, …).</param>
/// <param name="Kind"><see cref="CodeKind"/> or <see cref="DeclarativeKind"/>.</param>
/// <param name="Version">The newest registered version of the saga.</param>
/// <param name="Description">One sentence a reader of the monitor understands.</param>
/// <param name="Steps">The forward steps in execution order.</param>
/// <param name="Waits">The external events the saga waits for, each raced against a durable timer.</param>
/// <param name="Events">Every event name <c>POST /api/sagas/{saga}/{id}/events/{event}</c> accepts (cancel included).</param>
/// <param name="Outcomes">Every value the result's <c>status</c> can take.</param>
public sealed record SagaDefinition(
    string Saga,
    string Kind,
    string Version,
    string Description,
    IReadOnlyList<StepDefinition> Steps,
    IReadOnlyList<WaitDefinition> Waits,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Outcomes)
{
    /// <summary>A saga written in C#.</summary>
    public const string CodeKind = "code";

    /// <summary>A saga loaded from a JSON definition file.</summary>
    public const string DeclarativeKind = "declarative";
}
