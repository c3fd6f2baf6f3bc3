namespace SagaFunctions.Participants.Client;

/// <summary>An active fault. <see cref="Remaining"/> is the transient failures left; <see cref="Triggered"/> counts applications.</summary>
public sealed record FaultView(string Id, string Service, string Operation, string Mode, int? Count, int? Remaining, double Probability, string? Key, int? LatencyMs, long Triggered);
