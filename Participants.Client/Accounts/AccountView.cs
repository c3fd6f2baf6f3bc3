namespace SagaFunctions.Participants.Client;

public sealed record AccountView(string Id, string Owner, decimal Balance);
