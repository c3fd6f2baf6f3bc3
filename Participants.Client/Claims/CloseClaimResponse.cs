namespace SagaFunctions.Participants.Client;

public sealed record CloseClaimResponse(string ClaimId, string Status, DateTimeOffset ClosedAt);
