namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>refunded</c>, <c>already_refunded</c> or <c>nothing_to_refund</c>.</summary>
public sealed record RefundClaimResponse(string Status, bool NothingToUndo, string? PaymentId);
