namespace SagaFunctions.Participants.Client;

/// <summary>A payment as <c>GET /participants/payments/{paymentId}</c> shows it. <see cref="Status"/>: <c>charged</c> or <c>refunded</c>.</summary>
public sealed record PaymentView(string PaymentId, string OrderId, string CustomerId, decimal Amount, string Status, DateTimeOffset ChargedAt, DateTimeOffset? RefundedAt);
