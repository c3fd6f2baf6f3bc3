namespace SagaFunctions.Participants.Client;

/// <summary>Record a completed transfer; both ledger entries must exist (else <c>unknown_transaction</c>).</summary>
public sealed record RecordTransactionRequest(string TransferId, string FromAccount, string ToAccount, decimal Amount, string DebitTxId, string CreditTxId);
