namespace SagaFunctions.Participants.Client;

/// <summary>Take back the claim payment made with idempotency key <see cref="PayKey"/>.</summary>
public sealed record RefundClaimRequest(string PayKey);
