namespace SagaFunctions.Participants.Client;

/// <summary>Refund the charge made with idempotency key <see cref="ChargeKey"/> (works even when the charge's answer was lost).</summary>
public sealed record RefundRequest(string ChargeKey, string? Reason = null);
