using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.MoneyTransfer;

/// <summary>Transfer outcome: <c>completed</c>, <c>insufficient_funds</c>, <c>failed</c> or <c>cancelled</c>.</summary>
public sealed record TransferResult : SagaResult
{
    public required string TransferId { get; init; }

    public string? DebitTxId { get; init; }

    public string? CreditTxId { get; init; }

    /// <summary>The recorded transaction; set only when the transfer completed.</summary>
    public string? TransactionId { get; init; }
}
