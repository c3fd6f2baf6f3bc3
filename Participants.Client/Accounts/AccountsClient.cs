namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the accounts participant (<c>/participants/accounts</c>).</summary>
public sealed class AccountsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Debits; rejections: <c>insufficient_funds</c>, <c>unknown_account</c>.</summary>
    public Task<ParticipantResult<DebitResponse>> DebitAsync(string idempotencyKey, DebitRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<DebitRequest, DebitResponse>("participants/accounts/debit", idempotencyKey, request, cancellationToken);

    /// <summary>Credits; rejections: <c>unknown_account</c>.</summary>
    public Task<ParticipantResult<CreditResponse>> CreditAsync(string idempotencyKey, CreditRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreditRequest, CreditResponse>("participants/accounts/credit", idempotencyKey, request, cancellationToken);

    /// <summary>Reverses the debit or credit made with the given key; a no-op success when there is nothing to reverse.</summary>
    public Task<ParticipantResult<ReverseResponse>> ReverseAsync(string idempotencyKey, ReverseRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ReverseRequest, ReverseResponse>("participants/accounts/reverse", idempotencyKey, request, cancellationToken);

    /// <summary>
    /// Records the transfer's transaction (idempotent per transfer id when the legs are the same); rejections:
    /// <c>unknown_transaction</c> (422), <c>transfer_conflict</c> (409: the transfer id is recorded with other legs).
    /// </summary>
    public Task<ParticipantResult<RecordTransactionResponse>> RecordAsync(string idempotencyKey, RecordTransactionRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RecordTransactionRequest, RecordTransactionResponse>("participants/accounts/record", idempotencyKey, request, cancellationToken);

    /// <summary>The account, or null when unknown.</summary>
    public Task<AccountView?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<AccountView>("participants/accounts/" + Uri.EscapeDataString(accountId), cancellationToken);

    /// <summary>The account's ledger, oldest first, or null when the account is unknown.</summary>
    public Task<IReadOnlyList<LedgerEntry>?> GetLedgerAsync(string accountId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<IReadOnlyList<LedgerEntry>>("participants/accounts/" + Uri.EscapeDataString(accountId) + "/ledger", cancellationToken);

    /// <summary>The recorded transaction of a transfer, or null when none.</summary>
    public Task<TransactionView?> GetTransactionAsync(string transferId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<TransactionView>("participants/accounts/transactions/" + Uri.EscapeDataString(transferId), cancellationToken);
}
