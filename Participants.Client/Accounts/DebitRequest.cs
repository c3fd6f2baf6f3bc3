namespace SagaFunctions.Participants.Client;

public sealed record DebitRequest(string AccountId, decimal Amount, string TransferId);
