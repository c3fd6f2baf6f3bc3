using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.MoneyTransfer;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="MoneyTransferActivities"/> method (same name), each a one-line call.</summary>
public sealed class MoneyTransferActivityFunctions(MoneyTransferActivities activities)
{
    [Function(nameof(MoneyTransferActivities.DebitAccount))]
    public Task<StepResult<DebitResponse>> DebitAccount([ActivityTrigger] StepInput<DebitRequest> input, CancellationToken cancellationToken) =>
        activities.DebitAccount(input, cancellationToken);

    [Function(nameof(MoneyTransferActivities.ReverseDebit))]
    public Task<string> ReverseDebit([ActivityTrigger] CompensationInput<DebitRequest, DebitResponse> input, CancellationToken cancellationToken) =>
        activities.ReverseDebit(input, cancellationToken);

    [Function(nameof(MoneyTransferActivities.CreditAccount))]
    public Task<StepResult<CreditResponse>> CreditAccount([ActivityTrigger] StepInput<CreditRequest> input, CancellationToken cancellationToken) =>
        activities.CreditAccount(input, cancellationToken);

    [Function(nameof(MoneyTransferActivities.ReverseCredit))]
    public Task<string> ReverseCredit([ActivityTrigger] CompensationInput<CreditRequest, CreditResponse> input, CancellationToken cancellationToken) =>
        activities.ReverseCredit(input, cancellationToken);

    [Function(nameof(MoneyTransferActivities.RecordTransaction))]
    public Task<StepResult<RecordTransactionResponse>> RecordTransaction([ActivityTrigger] StepInput<RecordTransactionRequest> input, CancellationToken cancellationToken) =>
        activities.RecordTransaction(input, cancellationToken);
}
