namespace SagaFunctions.FunctionApp.Operations;

/// <summary>
/// The number of stuck sagas as the last operations sweep counted it (<see cref="OperationsTimerFunctions"/>, by the
/// rules of <c>GET /api/sagas?stuck=true</c>), so the <c>sagas.stuck</c> gauge (<see cref="StuckSagasGauge"/>) reports it
/// without querying every instance at each metric export; null until the first sweep.
/// </summary>
public sealed class StuckSagaCount
{
    private long _value = -1;

    /// <summary>The last count, or null before the first sweep.</summary>
    public long? Value => Interlocked.Read(ref _value) is var value and >= 0 ? value : null;

    public void Set(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Interlocked.Exchange(ref _value, value);
    }
}
