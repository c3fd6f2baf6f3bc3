namespace SagaFunctions.Participants.Client;

/// <summary>
/// A fault to inject. <see cref="Mode"/>: <c>transient</c> (503 <see cref="Count"/> times, default 1, then succeed),
/// <c>permanent</c> (500 until deleted) or <c>latency</c> (<see cref="LatencyMs"/> added). <see cref="Probability"/>
/// (0..1, default 1) applies it randomly; <see cref="Key"/> restricts it to one idempotency key.
/// </summary>
public sealed record FaultRequest(string Service, string Operation, string Mode, int? Count = null, double? Probability = null, string? Key = null, int? LatencyMs = null);
