namespace SagaFunctions.Participants.Client;

public sealed record CreditRequest(string AccountId, decimal Amount, string TransferId);
