namespace SagaFunctions.Kernel;

/// <summary>
/// Retry policy with Durable Task's parameters: max attempts (including the first), first retry delay,
/// backoff coefficient and max delay. Waits between attempts are durable timers.
/// </summary>
public sealed record RetryPolicy(
    int MaxAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 2.0,
    TimeSpan? MaxRetryInterval = null)
{
    /// <summary>No retry: one attempt.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero);

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 = the first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextAttempt, 2);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var max = (MaxRetryInterval ?? TimeSpan.MaxValue).Ticks;
        return TimeSpan.FromTicks((long)Math.Min(ticks, max));
    }
}
