namespace SagaFunctions.Kernel;

/// <summary>Accumulates a saga's progress and publishes it as custom status after every change.</summary>
internal sealed class SagaProgress(IOrchestrationContext context, string sagaName, int maxTimelineEntries)
{
    private readonly List<string> completed = [];
    private readonly List<string> compensated = [];
    private readonly List<StepError> failed = [];
    private readonly List<string> warnings = [];
    private readonly List<StepRetry> retries = [];
    private readonly Queue<TimelineEntry> timeline = new();
    private string? currentStep;
    private string? waitingFor;
    private DateTime? waitDeadline;

    public SagaPhase Phase { get; private set; } = SagaPhase.Running;

    public IReadOnlyList<string> Warnings => warnings;

    public IReadOnlyList<string> CompletedSteps => completed;

    public void Record(string step, string evt, string? detail = null)
    {
        timeline.Enqueue(new TimelineEntry(context.CurrentUtcDateTime, step, evt, detail));
        while (timeline.Count > maxTimelineEntries)
        {
            timeline.Dequeue();
        }
    }

    public void StepStarted(string step)
    {
        currentStep = step;
        Record(step, "started");
        Publish();
    }

    public void StepCompleted(string step, string? detail = null)
    {
        EndRetry(step);
        completed.Add(step);
        Record(step, "completed", detail);
        Publish();
    }

    public void StepFailed(string step, string evt, string errorType, string message)
    {
        EndRetry(step);
        failed.Add(new StepError(step, errorType, message));
        Record(step, evt, $"{errorType}: {message}");
        Publish();
    }

    public void Warning(string step, string message)
    {
        EndRetry(step);
        warnings.Add($"{step}: {message}");
        Record(step, "warning", message);
        Publish();
    }

    public void Waiting(string eventName, DateTime deadline)
    {
        Phase = SagaPhase.Waiting;
        currentStep = eventName;
        waitingFor = eventName;
        waitDeadline = deadline;
        Record(eventName, "waiting", $"until {deadline:O}");
        Publish();
    }

    public void WaitEnded(string eventName, string evt)
    {
        Phase = SagaPhase.Running;
        waitingFor = null;
        waitDeadline = null;
        Record(eventName, evt);
        Publish();
    }

    public void Compensating(string step, string activity)
    {
        currentStep = step;
        Record(step, "compensating", activity);
        Publish();
    }

    public void Compensated(string step, string? detail)
    {
        EndRetry(step);
        compensated.Add(step);
        Record(step, "compensated", detail);
        Publish();
    }

    /// <summary>Attempt <paramref name="attempt"/> failed; the next one starts at <paramref name="nextAttemptAt"/>.</summary>
    public void Retrying(string step, string kind, int attempt, int maxAttempts, string errorCode, string errorMessage, DateTime nextAttemptAt)
    {
        currentStep = step;
        EndRetry(step);
        retries.Add(new StepRetry(step, kind, attempt, maxAttempts, errorCode, errorMessage, nextAttemptAt));
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
            currentStep = null;
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
        currentStep,
        [.. completed],
        [.. compensated],
        [.. failed],
        [.. retries],
        [.. warnings],
        waitingFor,
        waitDeadline,
        [.. timeline],
        context.CurrentUtcDateTime);

    private void EndRetry(string step) => retries.RemoveAll(r => string.Equals(r.Step, step, StringComparison.Ordinal));

    private void Publish() => context.SetCustomStatus(Snapshot());
}
