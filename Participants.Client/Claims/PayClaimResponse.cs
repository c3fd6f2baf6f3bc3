namespace SagaFunctions.Participants.Client;

public sealed record PayClaimResponse(string PaymentId, string ClaimId, decimal Amount);
