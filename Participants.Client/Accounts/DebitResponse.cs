namespace SagaFunctions.Participants.Client;

public sealed record DebitResponse(string DebitTxId, string AccountId, decimal Amount, decimal Balance);
