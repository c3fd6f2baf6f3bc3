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

    private static OpenDeadLetterSource? openDeadLetters;

    /// <summary>Read from the host's dead-letter store at each collection (a gauge of state, right after restarts too).</summary>
    internal static ObservableGauge<long> DeadLettersOpen { get; } = Meter.CreateObservableGauge(
        "dead_letters.open",
        ReadOpenDeadLetters,
        "{dead_letter}",
        "Dead letters open, retrying or retry-failed: those that still need attention.");

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
        var source = new OpenDeadLetterSource(read);
        Volatile.Write(ref openDeadLetters, source);
        return source;
    }

    private static Measurement<long>[] ReadOpenDeadLetters()
    {
        if (Volatile.Read(ref openDeadLetters) is not { } source)
        {
            return [];
        }

        try
        {
            return [new Measurement<long>(source.Read())];
        }
#pragma warning disable CA1031 // a failing store read must not break the scrape of every other instrument
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    private sealed class OpenDeadLetterSource(Func<long> read) : IDisposable
    {
        public Func<long> Read { get; } = read;

        public void Dispose() => Interlocked.CompareExchange(ref openDeadLetters, null, this);
    }
}
