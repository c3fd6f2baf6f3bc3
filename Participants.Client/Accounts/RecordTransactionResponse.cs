namespace SagaFunctions.Participants.Client;

public sealed record RecordTransactionResponse(string TransactionId, string TransferId, DateTimeOffset RecordedAt);
