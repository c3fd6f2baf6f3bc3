namespace SagaFunctions.Participants.Client;

/// <summary>Confirm the hold made with idempotency key <see cref="HoldKey"/>, paid by <see cref="PaymentId"/>.</summary>
public sealed record ConfirmSeatsRequest(string HoldKey, string PaymentId);
