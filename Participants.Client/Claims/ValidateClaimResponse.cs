namespace SagaFunctions.Participants.Client;

public sealed record ValidateClaimResponse(string ClaimId, bool Valid);
