namespace SagaFunctions.Participants.Client;

public sealed record EnvironmentView(string Environment, string Version, string? PreviousVersion);
