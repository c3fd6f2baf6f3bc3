namespace SagaFunctions.Kernel;

/// <summary>Accumulates a saga's progress and publishes it as custom status after every change.</summary>
internal sealed class SagaProgress(IOrchestrationContext context, string sagaName, int maxTimelineEntries)
{
    private readonly List<string> _completed = [];
    private readonly List<string> _compensated = [];
    private readonly List<StepError> _failed = [];
    private readonly List<string> _warnings = [];
    private readonly List<StepRetry> _retries = [];
    private readonly Queue<TimelineEntry> _timeline = new();
    private string? _currentStep;
    private string? _waitingFor;
    private DateTime? _waitDeadline;

    public SagaPhase Phase { get; private set; } = SagaPhase.Running;

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<string> CompletedSteps => _completed;

    public void Record(string step, string evt, string? detail = null)
    {
        _timeline.Enqueue(new TimelineEntry(context.CurrentUtcDateTime, step, evt, detail));
        while (_timeline.Count > maxTimelineEntries)
        {
            _timeline.Dequeue();
        }
    }

    public void StepStarted(string step)
    {
        _currentStep = step;
        Record(step, "started");
        Publish();
    }

    public void StepCompleted(string step, string? detail = null)
    {
        EndRetry(step);
        _completed.Add(step);
        Record(step, "completed", detail);
        Publish();
    }

    public void StepFailed(string step, string evt, string errorType, string message)
    {
        EndRetry(step);
        _failed.Add(new StepError(step, errorType, message));
        Record(step, evt, $"{errorType}: {message}");
        Publish();
    }

    public void Warning(string step, string message)
    {
        EndRetry(step);
        _warnings.Add($"{step}: {message}");
        Record(step, "warning", message);
        Publish();
    }

    public void Waiting(string eventName, DateTime deadline)
    {
        Phase = SagaPhase.Waiting;
        _currentStep = eventName;
        _waitingFor = eventName;
        _waitDeadline = deadline;
        Record(eventName, "waiting", $"until {deadline:O}");
        Publish();
    }

    public void WaitEnded(string eventName, string evt)
    {
        Phase = SagaPhase.Running;
        _waitingFor = null;
        _waitDeadline = null;
        Record(eventName, evt);
        Publish();
    }

    public void Compensating(string step, string activity)
    {
        _currentStep = step;
        Record(step, "compensating", activity);
        Publish();
    }

    public void Compensated(string step, string? detail)
    {
        EndRetry(step);
        _compensated.Add(step);
        Record(step, "compensated", detail);
        Publish();
    }

    /// <summary>Attempt <paramref name="attempt"/> failed; the next one starts at <paramref name="nextAttemptAt"/>.</summary>
    public void Retrying(string step, string kind, int attempt, int maxAttempts, string errorCode, string errorMessage, DateTime nextAttemptAt)
    {
        _currentStep = step;
        EndRetry(step);
        _retries.Add(new StepRetry(step, kind, attempt, maxAttempts, errorCode, errorMessage, nextAttemptAt));
        Record(
            step,
            kind == "compensation" ? "compensation_retrying" : "retrying",
            $"attempt {attempt} of {maxAttempts} failed: {errorCode}: {errorMessage}; next attempt at {nextAttemptAt:O}");
        Publish();
    }

    public void SetPhase(SagaPhase phase, string? step = null, string? evt = null, string? detail = null)
    {
        Phase = phase;
        if (phase is not SagaPhase.Running and not SagaPhase.Waiting and not SagaPhase.Compensating)
        {
            _currentStep = null;
        }

        if (evt is not null)
        {
            Record(step ?? sagaName, evt, detail);
        }

        Publish();
    }

    public SagaStatus Snapshot() => new(
        sagaName,
        Phase,
        _currentStep,
        [.. _completed],
        [.. _compensated],
        [.. _failed],
        [.. _retries],
        [.. _warnings],
        _waitingFor,
        _waitDeadline,
        [.. _timeline],
        context.CurrentUtcDateTime);

    private void EndRetry(string step) => _retries.RemoveAll(r => string.Equals(r.Step, step, StringComparison.Ordinal));

    /// <summary>Characters of JSON a published status may take: 14 KB of UTF-16, under the Azure Storage provider's 16 KB cap.</summary>
    internal const int MaxStatusChars = 7_000;

    /// <summary>Longest error message or detail a published status carries (the full text stays in the saga's output).</summary>
    internal const int MaxTextChars = 300;

    private void Publish() => context.SetCustomStatus(Fit(Snapshot()));

    /// <summary>
    /// The status as published: texts cut to <see cref="MaxTextChars"/>, then, while the JSON is over
    /// <see cref="MaxStatusChars"/>, every list keeps only its newest entries (16, 8, … 0). Deterministic: a function of the
    /// status alone, so replays publish the same.
    /// </summary>
    internal static SagaStatus Fit(SagaStatus status)
    {
        var cut = status with
        {
            FailedSteps = [.. status.FailedSteps.Select(e => e with { Message = Cut(e.Message) })],
            Retries = [.. status.Retries.Select(r => r with { ErrorMessage = Cut(r.ErrorMessage) })],
            Warnings = [.. status.Warnings.Select(Cut)],
            Timeline = [.. status.Timeline.Select(t => t with { Detail = t.Detail is null ? null : Cut(t.Detail) })],
        };
        if (Size(cut) <= MaxStatusChars)
        {
            return cut;
        }

        for (var keep = 16; ; keep /= 2)
        {
            var omitted = 0;
            var fitted = cut with
            {
                CompletedSteps = Newest(cut.CompletedSteps, keep, ref omitted),
                CompensatedSteps = Newest(cut.CompensatedSteps, keep, ref omitted),
                FailedSteps = Newest(cut.FailedSteps, keep, ref omitted),
                Retries = Newest(cut.Retries, keep, ref omitted),
                Warnings = Newest(cut.Warnings, keep, ref omitted),
                Timeline = Newest(cut.Timeline, keep, ref omitted),
            };
            fitted = fitted with { Omitted = omitted };
            if (keep == 0 || Size(fitted) <= MaxStatusChars)
            {
                return fitted;
            }
        }
    }

    private static string Cut(string text) => text.Length <= MaxTextChars ? text : string.Concat(text.AsSpan(0, MaxTextChars - 1), "…");

    private static List<T> Newest<T>(IReadOnlyList<T> list, int keep, ref int omitted)
    {
        omitted += Math.Max(0, list.Count - keep);
        return [.. list.Skip(Math.Max(0, list.Count - keep))];
    }

    private static int Size(SagaStatus status) => System.Text.Json.JsonSerializer.Serialize(status, SagaStatus.JsonOptions).Length;
}
