namespace SagaFunctions.Participants.Client;

public sealed record RequestRecordsResponse(string RecordsId, string ClaimId);
