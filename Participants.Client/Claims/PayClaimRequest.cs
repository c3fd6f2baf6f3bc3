namespace SagaFunctions.Participants.Client;

public sealed record PayClaimRequest(string ClaimId, string CustomerId, decimal Amount);
