namespace SagaFunctions.Participants.Client;

public sealed record CreditResponse(string CreditTxId, string AccountId, decimal Amount, decimal Balance);
