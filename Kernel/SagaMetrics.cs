using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SagaFunctions.Kernel;

/// <summary>
/// The <c>SagaFunctions</c> meter and its instruments. Orchestration code records only from transitions
/// that are not replays (<see cref="IOrchestrationContext.IsReplaying"/> false), so a replayed history never counts
/// twice; the hosts export the meter (Prometheus in Standalone, Azure Monitor in FunctionApp).
/// </summary>
public static class SagaMetrics
{
    /// <summary>The meter's name, to register with OpenTelemetry (<c>AddMeter(SagaMetrics.MeterName)</c>).</summary>
    public const string MeterName = "SagaFunctions";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "sagas.started", "{saga}", "Sagas started through the HTTP API (tag saga).");

    private static readonly Counter<long> Completed = Meter.CreateCounter<long>(
        "sagas.completed", "{saga}", "Sagas that finished, by the saga's own status (tags saga, status).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "saga.duration", "s", "Orchestration time from start to the end of the saga (tags saga, status).");

    private static readonly Counter<long> Steps = Meter.CreateCounter<long>(
        "saga.steps", "{step}", "Steps that ended: succeeded, rejected, in_doubt, warning (tags saga, step, result).");

    private static readonly Counter<long> Compensations = Meter.CreateCounter<long>(
        "saga.compensations", "{compensation}", "Compensations that ended: compensated or dead_lettered (tags saga, step, result).");

    private static GaugeSource? OpenDeadLetters;

    private static GaugeSource? StuckSagas;

    /// <summary>Read from the host's dead-letter store at each collection (a gauge of state, right after restarts too).</summary>
    internal static ObservableGauge<long> DeadLettersOpen { get; } = Meter.CreateObservableGauge(
        "dead_letters.open",
        () => Read(Volatile.Read(ref OpenDeadLetters)),
        "{dead_letter}",
        "Dead letters open, retrying or retry-failed: those that still need attention.");

    /// <summary>Read from the host's engine at each collection: the sagas the stuck rules flag now.</summary>
    internal static ObservableGauge<long> SagasStuck { get; } = Meter.CreateObservableGauge(
        "sagas.stuck",
        () => Read(Volatile.Read(ref StuckSagas)),
        "{saga}",
        "Sagas stuck now: no progress past their bound (a due retry or an ended wait not acted on, no change while running, a dead letter open past its SLA).");

    public static void RecordStarted(string saga) =>
        Started.Add(1, new KeyValuePair<string, object?>("saga", saga));

    public static void RecordCompleted(string saga, string status, TimeSpan duration)
    {
        var tags = new TagList { { "saga", saga }, { "status", status } };
        Completed.Add(1, tags);
        Duration.Record(Math.Max(0, duration.TotalSeconds), tags);
    }

    public static void RecordStep(string saga, string step, string result) =>
        Steps.Add(1, new TagList { { "saga", saga }, { "step", step }, { "result", result } });

    public static void RecordCompensation(string saga, string step, string result) =>
        Compensations.Add(1, new TagList { { "saga", saga }, { "step", step }, { "result", result } });

    /// <summary>
    /// Sets how <c>dead_letters.open</c> is read (the host's store) until the returned registration is disposed. The last
    /// host to register wins, which is the one host of a process outside tests. A read that throws reports nothing.
    /// </summary>
    public static IDisposable ObserveOpenDeadLetters(Func<long> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var source = new GaugeSource(() => read(), s => Interlocked.CompareExchange(ref OpenDeadLetters, null, s));
        Volatile.Write(ref OpenDeadLetters, source);
        return source;
    }

    /// <summary>
    /// Sets how <c>sagas.stuck</c> is read, as <see cref="ObserveOpenDeadLetters"/> does for its gauge; a read that
    /// returns null (not counted yet, for a host that counts periodically) reports nothing.
    /// </summary>
    public static IDisposable ObserveStuckSagas(Func<long?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var source = new GaugeSource(read, s => Interlocked.CompareExchange(ref StuckSagas, null, s));
        Volatile.Write(ref StuckSagas, source);
        return source;
    }

    private static Measurement<long>[] Read(GaugeSource? source)
    {
        if (source is null)
        {
            return [];
        }

        try
        {
            return source.Read() is long value ? [new Measurement<long>(value)] : [];
        }
#pragma warning disable CA1031 // a failing store read must not break the scrape of every other instrument
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    private sealed class GaugeSource(Func<long?> read, Action<GaugeSource> clear) : IDisposable
    {
        public Func<long?> Read { get; } = read;

        public void Dispose() => clear(this);
    }
}
