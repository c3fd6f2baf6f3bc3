using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
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
/// Every reference saga, helper orchestrator and activity, for the hosts to register with their engine: the embedded
/// runtime registers <see cref="Orchestrators"/> and <see cref="Activities"/>; the HTTP API serves <see cref="Sagas"/>
/// by route. Names are <c>nameof</c> of the saga classes and activity methods.
/// </summary>
public static class SagaCatalog
{
    private static readonly JsonSerializerOptions InputJson = new(JsonSerializerDefaults.Web);

    /// <summary>The seven reference sagas, by route (docs/architecture.md, "HTTP contract").</summary>
    public static IReadOnlyList<SagaRegistration> Sagas { get; } =
    [
        Saga<OrderRequest, OrderResult>(OrderSaga.Route, nameof(OrderSaga), OrderSaga.RunAsync, OrderSaga.Definition),
        Saga<TransferRequest, TransferResult>(MoneyTransferSaga.Route, nameof(MoneyTransferSaga), MoneyTransferSaga.RunAsync, MoneyTransferSaga.Definition),
        Saga<TicketRequest, TicketResult>(TicketingSaga.Route, nameof(TicketingSaga), TicketingSaga.RunAsync, TicketingSaga.Definition, TicketingSaga.PaymentEvent),
        Saga<DeploymentRequest, DeploymentResult>(DeploymentSaga.Route, nameof(DeploymentSaga), DeploymentSaga.RunAsync, DeploymentSaga.Definition),
        Saga<ClaimRequest, ClaimResult>(InsuranceClaimSaga.Route, nameof(InsuranceClaimSaga), InsuranceClaimSaga.RunAsync, InsuranceClaimSaga.Definition, InsuranceClaimSaga.ApprovalEvent),
        Saga<MigrationRequest, MigrationResult>(MigrationSaga.Route, nameof(MigrationSaga), MigrationSaga.RunAsync, MigrationSaga.Definition),
        Saga<BatchRequest, BatchResult>(BatchSaga.Route, nameof(BatchSaga), BatchSaga.RunAsync, BatchSaga.Definition),
    ];

    /// <summary>
    /// Every orchestrator: the sagas plus the migration batch sub-orchestration, the dead-letter retry and the generic
    /// orchestrator of the declarative sagas (one for all of them: each definition is a route, not an orchestrator). The
    /// three helpers are unversioned (empty <see cref="SagaRegistration.Version"/>): they run whatever version their
    /// instance has (a declarative instance carries its definition). Engines register <see cref="SagaVersions.ForEngine"/>
    /// of this list (one orchestrator per name).
    /// </summary>
    public static IReadOnlyList<SagaRegistration> Orchestrators { get; } =
    [
        .. Sagas,
        new("migration-batches", nameof(MigrationBatches), typeof(StepInput<MigrationBatchPlan>), [], async c => await MigrationBatches.RunAsync(c)) { Version = string.Empty },
        new("retry-dead-letter", nameof(RetryDeadLetter), typeof(string), [], async c => await RetryDeadLetter.RunAsync(c)) { Version = string.Empty },
        DeclarativeSagas.Orchestrator,
    ];

    /// <summary>Every activity of every orchestrator, resolved from the host's services.</summary>
    public static IReadOnlyList<ActivityRegistration> Activities { get; } =
    [
        Activity<OrderActivities, StepInput<ChargeRequest>, StepResult<ChargeResponse>>(nameof(OrderActivities.ChargePayment), (a, i, ct) => a.ChargePayment(i, ct)),
        Activity<OrderActivities, CompensationInput<ChargeRequest, ChargeResponse>, string>(nameof(OrderActivities.RefundPayment), (a, i, ct) => a.RefundPayment(i, ct)),
        Activity<OrderActivities, StepInput<ReserveRequest>, StepResult<ReserveResponse>>(nameof(OrderActivities.ReserveInventory), (a, i, ct) => a.ReserveInventory(i, ct)),
        Activity<OrderActivities, CompensationInput<ReserveRequest, ReserveResponse>, string>(nameof(OrderActivities.ReleaseInventory), (a, i, ct) => a.ReleaseInventory(i, ct)),
        Activity<OrderActivities, StepInput<CreateShipmentRequest>, StepResult<ShipmentResponse>>(nameof(OrderActivities.CreateShipment), (a, i, ct) => a.CreateShipment(i, ct)),
        Activity<OrderActivities, CompensationInput<CreateShipmentRequest, ShipmentResponse>, string>(nameof(OrderActivities.CancelShipment), (a, i, ct) => a.CancelShipment(i, ct)),
        Activity<OrderActivities, StepInput<SendEmailRequest>, StepResult<SendEmailResponse>>(nameof(OrderActivities.SendConfirmation), (a, i, ct) => a.SendConfirmation(i, ct)),

        Activity<MoneyTransferActivities, StepInput<DebitRequest>, StepResult<DebitResponse>>(nameof(MoneyTransferActivities.DebitAccount), (a, i, ct) => a.DebitAccount(i, ct)),
        Activity<MoneyTransferActivities, CompensationInput<DebitRequest, DebitResponse>, string>(nameof(MoneyTransferActivities.ReverseDebit), (a, i, ct) => a.ReverseDebit(i, ct)),
        Activity<MoneyTransferActivities, StepInput<CreditRequest>, StepResult<CreditResponse>>(nameof(MoneyTransferActivities.CreditAccount), (a, i, ct) => a.CreditAccount(i, ct)),
        Activity<MoneyTransferActivities, CompensationInput<CreditRequest, CreditResponse>, string>(nameof(MoneyTransferActivities.ReverseCredit), (a, i, ct) => a.ReverseCredit(i, ct)),
        Activity<MoneyTransferActivities, StepInput<RecordTransactionRequest>, StepResult<RecordTransactionResponse>>(nameof(MoneyTransferActivities.RecordTransaction), (a, i, ct) => a.RecordTransaction(i, ct)),

        Activity<TicketingActivities, StepInput<HoldSeatsRequest>, StepResult<HoldSeatsResponse>>(nameof(TicketingActivities.HoldSeats), (a, i, ct) => a.HoldSeats(i, ct)),
        Activity<TicketingActivities, CompensationInput<HoldSeatsRequest, HoldSeatsResponse>, string>(nameof(TicketingActivities.ReleaseSeats), (a, i, ct) => a.ReleaseSeats(i, ct)),
        Activity<TicketingActivities, StepInput<ConfirmSeatsRequest>, StepResult<ConfirmSeatsResponse>>(nameof(TicketingActivities.IssueTickets), (a, i, ct) => a.IssueTickets(i, ct)),
        Activity<TicketingActivities, StepInput<SendEmailRequest>, StepResult<SendEmailResponse>>(nameof(TicketingActivities.EmailTickets), (a, i, ct) => a.EmailTickets(i, ct)),

        Activity<DeploymentActivities, StepInput<DeployRequest>, StepResult<DeployResponse>>(nameof(DeploymentActivities.DeployStaging), (a, i, ct) => a.DeployStaging(i, ct)),
        Activity<DeploymentActivities, CompensationInput<DeployRequest, DeployResponse>, string>(nameof(DeploymentActivities.RollbackStaging), (a, i, ct) => a.RollbackStaging(i, ct)),
        Activity<DeploymentActivities, StepInput<RunTestsRequest>, StepResult<RunTestsResponse>>(nameof(DeploymentActivities.RunIntegrationTests), (a, i, ct) => a.RunIntegrationTests(i, ct)),
        Activity<DeploymentActivities, StepInput<DeployRequest>, StepResult<DeployResponse>>(nameof(DeploymentActivities.DeployProduction), (a, i, ct) => a.DeployProduction(i, ct)),
        Activity<DeploymentActivities, CompensationInput<DeployRequest, DeployResponse>, string>(nameof(DeploymentActivities.RollbackProduction), (a, i, ct) => a.RollbackProduction(i, ct)),
        Activity<DeploymentActivities, StepInput<UpdateDnsRequest>, StepResult<UpdateDnsResponse>>(nameof(DeploymentActivities.UpdateDns), (a, i, ct) => a.UpdateDns(i, ct)),
        Activity<DeploymentActivities, StepInput<CollectLogsRequest>, StepResult<CollectLogsResponse>>(nameof(DeploymentActivities.CollectLogs), (a, i, ct) => a.CollectLogs(i, ct)),

        Activity<InsuranceClaimActivities, StepInput<ValidateClaimRequest>, StepResult<ValidateClaimResponse>>(nameof(InsuranceClaimActivities.ValidateClaim), (a, i, ct) => a.ValidateClaim(i, ct)),
        Activity<InsuranceClaimActivities, StepInput<RequestRecordsRequest>, StepResult<RequestRecordsResponse>>(nameof(InsuranceClaimActivities.RequestMedicalRecords), (a, i, ct) => a.RequestMedicalRecords(i, ct)),
        Activity<InsuranceClaimActivities, CompensationInput<RequestRecordsRequest, RequestRecordsResponse>, string>(nameof(InsuranceClaimActivities.CloseClaimUnpaid), (a, i, ct) => a.CloseClaimUnpaid(i, ct)),
        Activity<InsuranceClaimActivities, StepInput<PayClaimRequest>, StepResult<PayClaimResponse>>(nameof(InsuranceClaimActivities.PayClaim), (a, i, ct) => a.PayClaim(i, ct)),
        Activity<InsuranceClaimActivities, CompensationInput<PayClaimRequest, PayClaimResponse>, string>(nameof(InsuranceClaimActivities.RefundClaim), (a, i, ct) => a.RefundClaim(i, ct)),
        Activity<InsuranceClaimActivities, StepInput<CloseClaimRequest>, StepResult<CloseClaimResponse>>(nameof(InsuranceClaimActivities.CloseClaim), (a, i, ct) => a.CloseClaim(i, ct)),

        Activity<MigrationActivities, StepInput<DualWriteRequest>, StepResult<DualWriteResponse>>(nameof(MigrationActivities.EnableDualWrite), (a, i, ct) => a.EnableDualWrite(i, ct)),
        Activity<MigrationActivities, CompensationInput<DualWriteRequest, DualWriteResponse>, string>(nameof(MigrationActivities.DisableDualWrite), (a, i, ct) => a.DisableDualWrite(i, ct)),
        Activity<MigrationActivities, StepInput<MigrateBatchRequest>, StepResult<MigrateBatchResponse>>(nameof(MigrationActivities.MigrateBatch), (a, i, ct) => a.MigrateBatch(i, ct)),
        Activity<MigrationActivities, StepInput<VerifyMigrationRequest>, StepResult<VerifyMigrationResponse>>(nameof(MigrationActivities.VerifyConsistency), (a, i, ct) => a.VerifyConsistency(i, ct)),
        Activity<MigrationActivities, StepInput<SwitchTrafficRequest>, StepResult<SwitchTrafficResponse>>(nameof(MigrationActivities.SwitchTraffic), (a, i, ct) => a.SwitchTraffic(i, ct)),
        Activity<MigrationActivities, StepInput<DecommissionRequest>, StepResult<DecommissionResponse>>(nameof(MigrationActivities.DecommissionOldSystem), (a, i, ct) => a.DecommissionOldSystem(i, ct)),

        Activity<BatchActivities, StepInput<ProcessItemRequest>, StepResult<ProcessItemResponse>>(nameof(BatchActivities.ProcessItem), (a, i, ct) => a.ProcessItem(i, ct)),
        Activity<BatchActivities, CompensationInput<ProcessItemRequest, ProcessItemResponse>, string>(nameof(BatchActivities.UndoItem), (a, i, ct) => a.UndoItem(i, ct)),
        Activity<BatchActivities, StepInput<BatchMergeInput>, StepResult<BatchMerge>>(nameof(BatchActivities.MergeResults), (a, i, ct) => a.MergeResults(i, ct)),

        Activity<DeclarativeActivities, StepInput<ParticipantCall>, StepResult<JsonElement?>>(nameof(DeclarativeActivities.CallParticipant), (a, i, ct) => a.CallParticipant(i, ct)),
        Activity<DeclarativeActivities, CompensationInput<ParticipantCall, JsonElement?>, string>(nameof(DeclarativeActivities.CompensateParticipant), (a, i, ct) => a.CompensateParticipant(i, ct)),

        Activity<DeadLetterActivities, DeadLetter, string>(nameof(DeadLetterActivities.RecordDeadLetter), (a, i, ct) => a.RecordDeadLetter(i, ct)),
        Activity<DeadLetterActivities, string, DeadLetterEntry?>(nameof(DeadLetterActivities.BeginDeadLetterRetry), (a, i, ct) => a.BeginDeadLetterRetry(i, ct)),
        Activity<DeadLetterActivities, DeadLetterRetryCompletion, bool>(nameof(DeadLetterActivities.CompleteDeadLetterRetry), (a, i, ct) => a.CompleteDeadLetterRetry(i, ct)),
    ];

    /// <summary>The activity named <paramref name="name"/>, or null.</summary>
    public static ActivityRegistration? FindActivity(string name) =>
        Activities.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    private static SagaRegistration Saga<TRequest, TResult>(
        string route, string orchestrator, Func<IOrchestrationContext, Task<TResult>> run, SagaDefinition definition, params string[] events)
        where TRequest : ISagaRequest =>
        new(route, orchestrator, typeof(TRequest), [.. events, Kernel.Saga.CancelEventName], async context => await run(context))
        {
            Definition = definition,
        };

    private static ActivityRegistration Activity<TActivities, TInput, TOutput>(string name, Func<TActivities, TInput, CancellationToken, Task<TOutput>> call)
        where TActivities : notnull =>
        new(name, typeof(TInput), async (services, input, ct) =>
        {
            ArgumentNullException.ThrowIfNull(services);
            return await call(services.GetRequiredService<TActivities>(), Convert<TInput>(name, input), ct);
        })
        {
            Saga = SagaOf(typeof(TActivities)),
        };

    /// <summary>The saga an activities class serves; null for those shared by several (declarative, dead letters).</summary>
    private static string? SagaOf(Type activities) =>
        activities == typeof(OrderActivities) ? OrderSaga.Route
        : activities == typeof(MoneyTransferActivities) ? MoneyTransferSaga.Route
        : activities == typeof(TicketingActivities) ? TicketingSaga.Route
        : activities == typeof(DeploymentActivities) ? DeploymentSaga.Route
        : activities == typeof(InsuranceClaimActivities) ? InsuranceClaimSaga.Route
        : activities == typeof(MigrationActivities) ? MigrationSaga.Route
        : activities == typeof(BatchActivities) ? BatchSaga.Route
        : null;

    /// <summary>The input as <typeparamref name="T"/>: already typed, or JSON (e.g. a dead letter's recorded input) to bind.</summary>
    private static T Convert<T>(string activity, object? input) => input switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>(InputJson) ?? throw new ArgumentException($"Activity '{activity}' needs a {typeof(T).Name}; got JSON null.", nameof(input)),
        null => throw new ArgumentException($"Activity '{activity}' needs a {typeof(T).Name}; got no input.", nameof(input)),
        _ => throw new ArgumentException($"Activity '{activity}' needs a {typeof(T).Name}; got a {input.GetType().Name}.", nameof(input)),
    };
}
