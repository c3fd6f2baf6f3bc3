namespace SagaFunctions.Participants.Client;

/// <summary>The sent e-mails, oldest first.</summary>
public sealed record Outbox(IReadOnlyList<OutboxMessage> Messages);
