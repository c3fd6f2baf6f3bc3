using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.MoneyTransfer;

/// <summary>
/// Debit the source → credit the destination → record the transaction. Insufficient funds: nothing to undo,
/// <c>insufficient_funds</c>. A later failure reverses what was done (credit, then debit): <c>failed</c>.
/// Money is conserved in every outcome.
/// </summary>
public static class MoneyTransferSaga
{
    public const string Route = "money-transfer";

    public const string Completed = "completed";

    public const string InsufficientFunds = "insufficient_funds";

    public const string Failed = "failed";

    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>The saga as data (<c>GET /api/definitions/money-transfer</c>).</summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Debit the source account, credit the destination, record the transaction; a failure reverses what was done, so money is conserved.",
        [
            new(nameof(MoneyTransferActivities.DebitAccount), nameof(MoneyTransferActivities.ReverseDebit), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(MoneyTransferActivities.CreditAccount), nameof(MoneyTransferActivities.ReverseCredit), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(MoneyTransferActivities.RecordTransaction), null, MaxAttempts: Options.StepRetry.MaxAttempts),
        ],
        [],
        [Saga.CancelEventName],
        [Completed, InsufficientFunds, Failed, SagaEnd.CancelledStatus]);

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<TransferRequest, TransferResult>(Route, nameof(MoneyTransferSaga), RunAsync, Definition)
        .WithActivities<MoneyTransferActivities>();

    public static Task<TransferResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<TransferResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<TransferRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new TransferResult { Status = Failed, TransferId = request.TransferId };
        try
        {
            var debit = await saga.Step<DebitResponse>(nameof(MoneyTransferActivities.DebitAccount), new DebitRequest(request.FromAccount, request.Amount, request.TransferId))
                .CompensateWith(nameof(MoneyTransferActivities.ReverseDebit));
            result = result with { DebitTxId = debit.DebitTxId };

            var credit = await saga.Step<CreditResponse>(nameof(MoneyTransferActivities.CreditAccount), new CreditRequest(request.ToAccount, request.Amount, request.TransferId))
                .CompensateWith(nameof(MoneyTransferActivities.ReverseCredit));
            result = result with { CreditTxId = credit.CreditTxId };

            var record = await saga.Step<RecordTransactionResponse>(
                nameof(MoneyTransferActivities.RecordTransaction),
                new RecordTransactionRequest(request.TransferId, request.FromAccount, request.ToAccount, request.Amount, debit.DebitTxId, credit.CreditTxId));
            result = result with { Status = Completed, TransactionId = record.TransactionId };
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            var status = ex.Failure.IsRejection(RejectionCodes.InsufficientFunds) ? InsufficientFunds : Failed;
            return await saga.CompensateAndEndAsync(ex.Failure, result, status);
        }
    }
}
