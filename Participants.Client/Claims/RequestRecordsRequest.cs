namespace SagaFunctions.Participants.Client;

public sealed record RequestRecordsRequest(string ClaimId);
