namespace SagaFunctions.Participants.Client;

public sealed record UpdateDnsResponse(string Hostname, string Version, string? PreviousVersion);
