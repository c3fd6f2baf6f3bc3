namespace SagaFunctions.Participants.Client;

public sealed record TransactionView(string TransactionId, string TransferId, string FromAccount, string ToAccount, decimal Amount, string DebitTxId, string CreditTxId, DateTimeOffset RecordedAt);
