namespace SagaFunctions.Participants.Client;

public sealed record ValidateClaimRequest(string ClaimId, string PolicyId, string CustomerId, decimal Amount, string Description);
