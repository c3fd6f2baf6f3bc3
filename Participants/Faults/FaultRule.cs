using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Faults;

/// <summary>One active fault; mutable state (<see cref="Remaining"/>, <see cref="Triggered"/>) is guarded by the injector's lock.</summary>
internal sealed class FaultRule
{
    public required string Id { get; init; }

    public required string Service { get; init; }

    public required string Operation { get; init; }

    public required string Mode { get; init; }

    public int? Count { get; init; }

    public int? Remaining { get; set; }

    public double Probability { get; init; } = 1;

    public string? Key { get; init; }

    public int? LatencyMs { get; init; }

    public long Triggered { get; set; }

    public bool Matches(string service, string operation, string key) =>
        string.Equals(Service, service, StringComparison.Ordinal)
        && string.Equals(Operation, operation, StringComparison.Ordinal)
        && (Key is null || string.Equals(Key, key, StringComparison.Ordinal));

    public FaultView ToView() => new(Id, Service, Operation, Mode, Count, Remaining, Probability, Key, LatencyMs, Triggered);
}
