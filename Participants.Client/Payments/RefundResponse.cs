namespace SagaFunctions.Participants.Client;

/// <summary>
/// <see cref="Status"/>: <c>refunded</c>, <c>already_refunded</c> (a second refund: harmless) or <c>nothing_to_refund</c>
/// (no charge was made with that key; <see cref="NothingToUndo"/> is true, and a late charge with that key is refused).
/// </summary>
public sealed record RefundResponse(string Status, bool NothingToUndo, string? RefundId, string? PaymentId, decimal Amount);
