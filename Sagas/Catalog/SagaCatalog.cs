using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Catalog;

/// <summary>
/// The list of sagas: one line per saga, naming the declaration in its folder. Everything else the hosts register is
/// derived from these declarations: <see cref="Orchestrators"/> for the engines, <see cref="Activities"/> (the public
/// methods of each declared activities class) and <see cref="ActivityClasses"/> for DI.
/// </summary>
public static class SagaCatalog
{
    /// <summary>The reference sagas, by route (docs/architecture.md, "HTTP contract"). Add a saga here.</summary>
    public static IReadOnlyList<SagaDeclaration> Sagas { get; } =
    [
        OrderSaga.Declaration,
        MoneyTransferSaga.Declaration,
        TicketingSaga.Declaration,
        DeploymentSaga.Declaration,
        InsuranceClaimSaga.Declaration,
        MigrationSaga.Declaration,
        BatchSaga.Declaration,
    ];

    /// <summary>
    /// The orchestrators that are not routes of their own: the dead-letter retry and the one generic orchestrator of every
    /// declarative saga (each definition is a route, not an orchestrator). Both are unversioned.
    /// </summary>
    public static IReadOnlyList<SagaDeclaration> Platform { get; } = [RetryDeadLetter.Declaration, DeclarativeSagas.Orchestrator];

    /// <summary>
    /// Every orchestrator: the sagas, the sub-orchestrations they start and <see cref="Platform"/>. Engines register
    /// <see cref="SagaVersions.ForEngine"/> of this list (one orchestrator per name).
    /// </summary>
    public static IReadOnlyList<SagaDeclaration> Orchestrators { get; } = SagaDeclarations.Orchestrators(Sagas, Platform);

    /// <summary>Every activities class a declaration names, once each, for DI.</summary>
    public static IReadOnlyList<Type> ActivityClasses { get; } = SagaDeclarations.ActivityClasses(Orchestrators);

    /// <summary>Every activity of every orchestrator, tagged with the saga it serves (null for the platform's, which every saga shares).</summary>
    public static IReadOnlyList<ActivityRegistration> Activities { get; } = SagaDeclarations.Activities(Sagas, Platform);

    /// <summary>The activity named <paramref name="name"/>, or null.</summary>
    public static ActivityRegistration? FindActivity(string name) =>
        Activities.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
