namespace SagaFunctions.Participants.Client;

public sealed record SendEmailRequest(string To, string Subject, string Body);
