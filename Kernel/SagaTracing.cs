using System.Diagnostics;

namespace SagaFunctions.Kernel;

/// <summary>
/// The <c>SagaFunctions</c> activity source: a span for each saga start (at the HTTP start route) and one for each
/// activity execution, step or compensation, opened where the host invokes the activity, so it covers the real
/// execution only (a replay re-reads the recorded result and never runs the activity again). One trace runs from the
/// start through every step and compensation: the engine carries the start span's W3C trace context with the instance
/// (<see cref="CurrentTraceParent"/> at the start) and the activity spans are its children. The participant calls an
/// activity makes are children of its span: HttpClient's own activity carries the W3C <c>traceparent</c> to them.
/// </summary>
public static class SagaTracing
{
    /// <summary>The source's name, to register with OpenTelemetry (<c>AddSource(SagaTracing.SourceName)</c>).</summary>
    public const string SourceName = "SagaFunctions";

    /// <summary>The saga start span's name.</summary>
    public const string StartSpanName = "saga.start";

    /// <summary>The activity execution span's name prefix: <c>saga.activity {activity}</c>.</summary>
    public const string ActivitySpanPrefix = "saga.activity ";

    private static readonly ActivitySource Source = new(SourceName, "1.0");

    /// <summary>The start span (tag <c>saga</c>), or null when nothing listens; tag the instance with <see cref="TagStarted"/>.</summary>
    public static Activity? StartSaga(string saga)
    {
        var span = Source.StartActivity(StartSpanName, ActivityKind.Server);
        span?.SetTag("saga", saga);
        return span;
    }

    /// <summary>
    /// The W3C <c>traceparent</c> of the current span (<see cref="Activity.Current"/>: during a start, the start span),
    /// or null when there is none or it is not in W3C format: what an engine stores with a starting instance.
    /// </summary>
    public static string? CurrentTraceParent => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Tags the start span with the instance that was started.</summary>
    public static void TagStarted(Activity? span, string instanceId) => span?.SetTag("instance", instanceId);

    /// <summary>
    /// The span of one activity execution (tags <c>saga</c> when known, <c>activity</c>, and for saga steps and
    /// compensations <c>step</c>, <c>instance</c> and <c>kind</c>, read from the step's key
    /// <c>{instanceId}:{stepName}</c>), or null when nothing listens. Its parent is <paramref name="traceParent"/> (the
    /// W3C trace parent the engine stored with the instance) when it is one, otherwise the current span. End it with
    /// <see cref="EndActivity"/>.
    /// </summary>
    public static Activity? StartActivity(string activity, string? saga, object? input, string? traceParent = null)
    {
        var span = traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(ActivitySpanPrefix + activity, ActivityKind.Internal, parent)
            : Source.StartActivity(ActivitySpanPrefix + activity, ActivityKind.Internal);
        if (span is null)
        {
            return null;
        }

        span.SetTag("activity", activity);
        if (saga is not null)
        {
            span.SetTag("saga", saga);
        }

        if (input is ISagaActivityInput keyed)
        {
            var key = keyed.StepKey;
            var split = key.LastIndexOf(':');
            span.SetTag("kind", keyed.IsCompensation ? "compensation" : "step");
            span.SetTag("instance", split > 0 ? key[..split] : key);
            span.SetTag("step", split > 0 ? key[(split + 1)..] : key);
        }

        return span;
    }

    /// <summary>
    /// Runs one activity execution inside its span (<see cref="StartActivity"/>), ending it with the output or the
    /// exception (rethrown): what each host wraps around its activity invocation.
    /// </summary>
    public static Task<object?> TraceActivityAsync(string activity, string? saga, object? input, Func<Task<object?>> run) =>
        TraceActivityAsync(activity, saga, input, null, run);

    /// <summary>As <see cref="TraceActivityAsync(string, string?, object?, Func{Task{object?}})"/>, the span parented to <paramref name="traceParent"/>.</summary>
    public static async Task<object?> TraceActivityAsync(string activity, string? saga, object? input, string? traceParent, Func<Task<object?>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var span = StartActivity(activity, saga, input, traceParent);
        try
        {
            var output = await run();
            EndActivity(span, output, null);
            return output;
        }
        catch (Exception e)
        {
            EndActivity(span, null, e);
            throw;
        }
    }

    /// <summary>
    /// Ends an activity span with its <c>result</c>: <c>succeeded</c> or <c>rejected</c> for a step, the compensation's
    /// own answer (<c>compensated</c>, …), <c>failed</c> (status error) for an exception.
    /// </summary>
    public static void EndActivity(Activity? span, object? output, Exception? error)
    {
        if (span is null)
        {
            return;
        }

        if (error is not null)
        {
            span.SetTag("result", "failed");
            span.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        else
        {
            span.SetTag("result", output switch
            {
                IStepOutcome { IsRejected: true } => "rejected",
                IStepOutcome => "succeeded",
                string text => text,
                _ => "completed",
            });
        }

        span.Dispose();
    }
}
