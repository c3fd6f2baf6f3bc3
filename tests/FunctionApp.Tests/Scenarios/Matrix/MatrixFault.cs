namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// A fault class: how a participant misbehaves on one operation, through its fault injection
/// (<c>POST /participants/faults</c>); <paramref name="LatencyMs"/> only for mode <c>latency</c>.
/// </summary>
internal sealed record MatrixFault(string Name, string Mode, int? Count, int? LatencyMs = null)
{
    /// <summary>The participant call timeout of every matrix cell (<c>Participants:Client:Timeout</c>), short so cells stay fast.</summary>
    public static TimeSpan CallTimeout { get; } = TimeSpan.FromMilliseconds(500);

    public static MatrixFault Permanent { get; } = new("permanent failure", "permanent", null);

    /// <summary>A delay well beyond <see cref="CallTimeout"/>: the caller gives up, the participant still applies the call.</summary>
    public const int BeyondTimeoutMs = 1500;

    /// <summary>The fault is over after a few calls: the saga recovers and must leave no dead letter.</summary>
    public bool Recovers => Mode is "transient" or "lost" || (Mode == "latency" && Count is not null);

    /// <summary>The fault never ends: a compensation it hits must be dead-lettered (or, best-effort, reported).</summary>
    public bool NeverEnds => Mode is "permanent" or "reject" || (Mode == "latency" && Count is null);

    public object Request(string service, string operation) =>
        new { service, operation, mode = Mode, count = Count, latencyMs = LatencyMs };
}
