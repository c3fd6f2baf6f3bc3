using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.MoneyTransfer;

/// <summary>The money-transfer saga's steps and compensations against the accounts participant.</summary>
public sealed class MoneyTransferActivities(AccountsClient accounts)
{
    public async Task<StepResult<DebitResponse>> DebitAccount(StepInput<DebitRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await accounts.DebitAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> ReverseDebit(CompensationInput<DebitRequest, DebitResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reverse = (await accounts.ReverseAsync(input.IdempotencyKey, new ReverseRequest(DebitKey: input.StepKey, Reason: "money transfer compensation"), ct)).Undone("reverse debit");
        return Describe(reverse, "debit", input.StepData.AccountId);
    }

    public async Task<StepResult<CreditResponse>> CreditAccount(StepInput<CreditRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await accounts.CreditAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> ReverseCredit(CompensationInput<CreditRequest, CreditResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reverse = (await accounts.ReverseAsync(input.IdempotencyKey, new ReverseRequest(CreditKey: input.StepKey, Reason: "money transfer compensation"), ct)).Undone("reverse credit");
        return Describe(reverse, "credit", input.StepData.AccountId);
    }

    public async Task<StepResult<RecordTransactionResponse>> RecordTransaction(StepInput<RecordTransactionRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await accounts.RecordAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    private static string Describe(ReverseResponse reverse, string what, string accountId) => reverse.NothingToUndo
        ? $"nothing to reverse: no {what} on {accountId} was made"
        : $"{reverse.Status} {what} {reverse.ReversedTxId} on {reverse.AccountId} ({reverse.Amount})";
}
