namespace SagaFunctions.Participants.Client;

public sealed record OutboxMessage(string MessageId, string To, string Subject, string Body, DateTimeOffset SentAt);
