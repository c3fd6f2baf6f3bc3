using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.FunctionApp.Orchestrators;

/// <summary>
/// One Durable orchestrator function per orchestrator of the saga catalog (same names as <c>SagaCatalog.Orchestrators</c>),
/// each running the shared saga code through the <see cref="DurableOrchestrationContext"/> adapter. A function runs the
/// version of its saga that the instance was started with (<see cref="TaskOrchestrationContext.Version"/>, set from
/// <c>StartOrchestrationOptions.Version</c>): every version of the saga in the catalog is one function
/// (<see cref="SagaVersions.ForEngine"/>), and an instance whose version is not registered fails naming saga and version.
/// </summary>
public static class SagaOrchestrators
{
    private static readonly Dictionary<string, SagaDeclaration> Orchestrators =
        SagaVersions.ForEngine(SagaCatalog.Orchestrators).ToDictionary(o => o.OrchestratorName, StringComparer.Ordinal);

    [Function(nameof(OrderSaga))]
    public static Task<object?> RunOrderSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(OrderSaga), context);

    [Function(nameof(MoneyTransferSaga))]
    public static Task<object?> RunMoneyTransferSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(MoneyTransferSaga), context);

    [Function(nameof(TicketingSaga))]
    public static Task<object?> RunTicketingSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(TicketingSaga), context);

    [Function(nameof(DeploymentSaga))]
    public static Task<object?> RunDeploymentSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(DeploymentSaga), context);

    [Function(nameof(InsuranceClaimSaga))]
    public static Task<object?> RunInsuranceClaimSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(InsuranceClaimSaga), context);

    [Function(nameof(MigrationSaga))]
    public static Task<object?> RunMigrationSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(MigrationSaga), context);

    /// <summary>The migration's batches as a sub-orchestration (bounded history, resumable; unversioned).</summary>
    [Function(nameof(MigrationBatches))]
    public static Task<object?> RunMigrationBatches([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(MigrationBatches), context);

    [Function(nameof(BatchSaga))]
    public static Task<object?> RunBatchSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(BatchSaga), context);

    /// <summary>
    /// Every declarative saga (definitions/*.json): one generic orchestrator, since functions cannot be registered at run
    /// time; its input carries the route and the definition (<see cref="DeclarativeSagaInput"/>; unversioned).
    /// </summary>
    [Function(nameof(DeclarativeSaga))]
    public static Task<object?> RunDeclarativeSaga([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(DeclarativeSaga), context);

    /// <summary>Started by <c>POST /api/dead-letters/{id}/retry</c>; input: the dead letter's id (unversioned).</summary>
    [Function(nameof(RetryDeadLetter))]
    public static Task<object?> RunRetryDeadLetter([OrchestrationTrigger] TaskOrchestrationContext context) => Run(nameof(RetryDeadLetter), context);

    private static Task<object?> Run(string orchestrator, TaskOrchestrationContext context) =>
        Orchestrators[orchestrator].Run(new DurableOrchestrationContext(context));
}
