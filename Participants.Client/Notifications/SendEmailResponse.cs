namespace SagaFunctions.Participants.Client;

public sealed record SendEmailResponse(string MessageId);
