namespace SagaFunctions.Runtime;

/// <summary>
/// The runtime's source of time (timers, leases, episode timestamps). <see cref="SystemClock"/> in production,
/// <see cref="VirtualClock"/> in tests.
/// </summary>
public interface IRuntimeClock
{
    /// <summary>The current UTC time.</summary>
    DateTime UtcNow { get; }

    /// <summary>Raised when time jumps (virtual clocks); the runtime then re-checks due timers at once.</summary>
    event EventHandler? Advanced;

    /// <summary>True when time moves only through explicit advances (the runtime then never waits in real time).</summary>
    bool IsVirtual { get; }
}
