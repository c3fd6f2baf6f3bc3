namespace SagaFunctions.Participants.Client;

/// <summary>Reverse the debit or the credit made with idempotency key <see cref="DebitKey"/> or <see cref="CreditKey"/> (exactly one).</summary>
public sealed record ReverseRequest(string? DebitKey = null, string? CreditKey = null, string? Reason = null);
