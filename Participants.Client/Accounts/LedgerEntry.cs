namespace SagaFunctions.Participants.Client;

/// <summary>One ledger line. <see cref="Kind"/>: <c>debit</c>, <c>credit</c> or <c>reversal</c>; <see cref="Amount"/> is signed (debits negative).</summary>
public sealed record LedgerEntry(long Sequence, string TxId, string AccountId, string Kind, decimal Amount, decimal BalanceAfter, string? TransferId, string? ReversesTxId, DateTimeOffset At);
