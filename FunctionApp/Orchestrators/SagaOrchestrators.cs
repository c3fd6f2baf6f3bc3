using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Batch;
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
/// each running the shared saga code through the <see cref="DurableOrchestrationContext"/> adapter.
/// </summary>
public static class SagaOrchestrators
{
    [Function(nameof(OrderSaga))]
    public static Task<OrderResult> RunOrderSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        OrderSaga.RunAsync(new DurableOrchestrationContext(context));

    [Function(nameof(MoneyTransferSaga))]
    public static Task<TransferResult> RunMoneyTransferSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        MoneyTransferSaga.RunAsync(new DurableOrchestrationContext(context));

    [Function(nameof(TicketingSaga))]
    public static Task<TicketResult> RunTicketingSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        TicketingSaga.RunAsync(new DurableOrchestrationContext(context));

    [Function(nameof(DeploymentSaga))]
    public static Task<DeploymentResult> RunDeploymentSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DeploymentSaga.RunAsync(new DurableOrchestrationContext(context));

    [Function(nameof(InsuranceClaimSaga))]
    public static Task<ClaimResult> RunInsuranceClaimSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        InsuranceClaimSaga.RunAsync(new DurableOrchestrationContext(context));

    [Function(nameof(MigrationSaga))]
    public static Task<MigrationResult> RunMigrationSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        MigrationSaga.RunAsync(new DurableOrchestrationContext(context));

    /// <summary>The migration's batches as a sub-orchestration (bounded history, resumable).</summary>
    [Function(nameof(MigrationBatches))]
    public static Task<StepResult<MigrationBatchesResult>> RunMigrationBatches([OrchestrationTrigger] TaskOrchestrationContext context) =>
        MigrationBatches.RunAsync(new DurableOrchestrationContext(context));

    [Function(nameof(BatchSaga))]
    public static Task<BatchResult> RunBatchSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        BatchSaga.RunAsync(new DurableOrchestrationContext(context));

    /// <summary>
    /// Every declarative saga (definitions/*.json): one generic orchestrator, since functions cannot be registered at run
    /// time; its input carries the route and the definition (<see cref="DeclarativeSagaInput"/>).
    /// </summary>
    [Function(nameof(DeclarativeSaga))]
    public static Task<DeclarativeResult> RunDeclarativeSaga([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DeclarativeSaga.RunAsync(new DurableOrchestrationContext(context));

    /// <summary>Started by <c>POST /api/dead-letters/{id}/retry</c>; input: the dead letter's id.</summary>
    [Function(nameof(RetryDeadLetter))]
    public static Task<DeadLetterRetryResult> RunRetryDeadLetter([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RetryDeadLetter.RunAsync(new DurableOrchestrationContext(context));
}
