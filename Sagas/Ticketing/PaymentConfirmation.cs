namespace SagaFunctions.Sagas.Ticketing;

/// <summary>The <c>payment</c> event: <c>{succeeded, paymentId, reason}</c>.</summary>
public sealed record PaymentConfirmation(bool Succeeded, string? PaymentId = null, string? Reason = null);
