using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SagaFunctions.Kernel;

/// <summary>
/// One running saga: its steps, its explicit compensation stack, its waits and its progress. Orchestration code creates
/// one per instance and reads top to bottom like the business process:
/// <code>
/// var saga = new Saga(context, "order");
/// var result = new OrderResult { Status = "failed", OrderId = request.OrderId };
/// try
/// {
///     var payment = await saga.Step&lt;Payment&gt;(nameof(ChargePayment), charge).CompensateWith(nameof(RefundPayment));
///     await saga.Optional&lt;Email&gt;(nameof(SendConfirmation), email);
///     return saga.Succeed(result with { Status = "completed", PaymentId = payment.PaymentId });
/// }
/// catch (SagaFailedException ex)
/// {
///     return await saga.CompensateAndEndAsync(ex.Failure, result, "failed");
/// }
/// </code>
/// (<c>Succeed</c>, <c>CompensateAndEndAsync</c>: the reference sagas' endings, <c>Sagas/Common/SagaEndExtensions.cs</c>.)
/// Deterministic: it uses only the context's clock, timers and events (docs/architecture.md, "Saga contract").
/// </summary>
public sealed class Saga
{
    /// <summary>The cooperative cancel event every wait point races against (payload <see cref="CancelRequest"/>).</summary>
    public const string CancelEventName = "cancel";

    /// <summary>
    /// The operator's "retry now" event (payload <see cref="RetryRequest"/>): ends the backoff wait of the retry it names,
    /// so the next attempt starts at once.
    /// </summary>
    public const string RetryEventName = "retry";

    private static readonly JsonSerializerOptions InputJson = new(JsonSerializerDefaults.Web);

    private readonly IOrchestrationContext _context;
    private readonly SagaOptions _options;
    private readonly SagaProgress _progress;
    private readonly ILogger _logger;
    private readonly List<IReadOnlyList<PendingCompensation>> _stack = [];
    private readonly HashSet<string> _stepNames = new(StringComparer.Ordinal);
    private readonly Task<JsonElement> _cancellation;
    private Task<JsonElement> _retrySignal;
    private readonly DateTime? _deadline;
    private bool _pastPivot;
    private bool _compensated;

    public Saga(IOrchestrationContext context, string sagaName, SagaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(sagaName);
        _context = context;
        _options = options ?? SagaOptions.Default;
        Name = sagaName;
        _progress = new SagaProgress(context, sagaName, _options.MaxTimelineEntries);
        _logger = context.CreateReplaySafeLogger($"SagaFunctions.Sagas.{sagaName}") ?? NullLogger.Instance;
        _cancellation = context.WaitForExternalEvent<JsonElement>(CancelEventName);
        _retrySignal = context.WaitForExternalEvent<JsonElement>(RetryEventName);
        _deadline = _options.Timeout is { } timeout ? context.CurrentUtcDateTime + timeout : null;
        _progress.SetPhase(SagaPhase.Running, sagaName, "started");
    }

    public string Name { get; }

    public string InstanceId => _context.InstanceId;

    /// <summary>The engine port, for what the saga API does not cover (e.g. <c>ContinueAsNew</c>).</summary>
    public IOrchestrationContext Context => _context;

    public SagaPhase Phase => _progress.Phase;

    /// <summary>Failures of non-critical steps.</summary>
    public IReadOnlyList<string> Warnings => _progress.Warnings;

    public IReadOnlyList<string> CompletedSteps => _progress.CompletedSteps;

    /// <summary>The progress as last published in custom status.</summary>
    public SagaStatus Status => _progress.Snapshot();

    /// <summary>The idempotency key of a step: <c>{instanceId}:{stepName}</c>, stable across retries and replays.</summary>
    public string KeyFor(string stepName) => $"{_context.InstanceId}:{stepName}";

    /// <summary>Describes a step that calls <paramref name="activity"/> with <paramref name="data"/>; await it to run it.</summary>
    public StepBuilder<TResult> Step<TResult>(string activity, object? data) => new(this, activity, data, isSubOrchestration: false);

    /// <summary>A step that runs a sub-orchestration (which returns a <see cref="StepResult{T}"/>), e.g. a bounded batch loop.</summary>
    public StepBuilder<TResult> SubOrchestration<TResult>(string orchestrator, object? data) => new(this, orchestrator, data, isSubOrchestration: true);

    /// <summary>
    /// A non-critical step (e.g. a confirmation email): its failure is recorded as a warning and the saga continues.
    /// Returns the value, or default when it failed. After the pivot it retries with the forward-recovery policy, as
    /// every later step does, before settling for the warning. <paramref name="retry"/> overrides the step retry policy.
    /// </summary>
    public async Task<TResult?> Optional<TResult>(string activity, object? data, string? stepName = null, RetryPolicy? retry = null)
    {
        var step = new StepBuilder<TResult>(this, activity, data, isSubOrchestration: false);
        if (stepName is not null)
        {
            _ = step.Named(stepName);
        }

        if (retry is not null)
        {
            _ = step.WithRetry(retry);
        }

        ThrowIfStopped(step.StepName);
        ClaimStepName(step.StepName);
        var attempt = await ExecuteAsync(step, step.Retry ?? (_pastPivot ? _options.ForwardRecoveryRetry : _options.StepRetry), interruptible: false);
        RecordStepMetric(step.StepName, attempt.Kind);
        if (attempt.Kind == StepAttemptKind.Succeeded)
        {
            _progress.StepCompleted(step.StepName);
            return attempt.Value;
        }

        _progress.Warning(step.StepName, $"{attempt.Code}: {attempt.Message}");
        _logger.LogWarning("Non-critical step {Step} of {Instance} failed: {Code}: {Message}", step.StepName, InstanceId, attempt.Code, attempt.Message);
        return default;
    }

    /// <summary>
    /// Runs the branches concurrently and waits until every one has settled. When all succeed, their compensations
    /// form one group (compensated concurrently later). When any fails, the succeeded (and in-doubt) branches are
    /// pushed as a group and <see cref="SagaFailedException"/> reports the first failed branch.
    /// </summary>
    public async Task<IReadOnlyList<TResult>> Parallel<TResult>(string groupName, IReadOnlyList<StepBuilder<TResult>> branches)
    {
        ArgumentNullException.ThrowIfNull(branches);
        ThrowIfStopped(groupName);
        foreach (var branch in branches)
        {
            ClaimStepName(branch.StepName);
        }

        _progress.Record(groupName, "started", $"{branches.Count} branches");
        var policy = _pastPivot ? _options.ForwardRecoveryRetry : null;
        var attempts = await Task.WhenAll(branches.Select(b => ExecuteAsync(b, policy ?? b.Retry ?? _options.StepRetry, interruptible: false)));
        for (var i = 0; i < branches.Count; i++)
        {
            RecordStepMetric(branches[i].StepName, attempts[i].Kind);
        }

        var group = new List<PendingCompensation>();
        StepAttempt<TResult>? firstFailure = null;
        string? failedStep = null;
        for (var i = 0; i < branches.Count; i++)
        {
            var (branch, attempt) = (branches[i], attempts[i]);
            if (attempt.Kind == StepAttemptKind.Succeeded)
            {
                _progress.StepCompleted(branch.StepName);
                AddCompensation(group, branch, attempt.Value, inDoubt: false);
                continue;
            }

            _progress.StepFailed(branch.StepName, attempt.Kind == StepAttemptKind.Rejected ? "rejected" : "in_doubt", attempt.Code, attempt.Message);
            if (attempt.Kind != StepAttemptKind.Rejected)
            {
                AddCompensation(group, branch, default, inDoubt: true);
            }

            if (firstFailure is null)
            {
                (firstFailure, failedStep) = (attempt, branch.StepName);
            }
        }

        if (group.Count > 0 && !_pastPivot)
        {
            _stack.Add(group);
        }

        if (firstFailure is not null)
        {
            throw Failure(failedStep!, firstFailure);
        }

        _progress.Record(groupName, "completed");
        return [.. attempts.Select(a => a.Value!)];
    }

    /// <summary>
    /// Waits for <paramref name="eventName"/> for at most <paramref name="timeout"/> (a durable timer). The loser of the
    /// race is cancelled, so no pending timer keeps the instance alive. The cancel event and the saga deadline race too.
    /// </summary>
    public Task<EventWait<T>> WaitForEvent<T>(string eventName, TimeSpan timeout) =>
        WaitForEventUntil<T>(eventName, _context.CurrentUtcDateTime + timeout);

    /// <summary>
    /// Waits for <paramref name="eventName"/> until <paramref name="deadlineUtc"/> (e.g. a reservation window's expiry).
    /// </summary>
    public async Task<EventWait<T>> WaitForEventUntil<T>(string eventName, DateTime deadlineUtc)
    {
        ThrowIfStopped(eventName);
        var sagaDeadlineFirst = !_pastPivot && _deadline is { } d && d < deadlineUtc;
        var fireAt = sagaDeadlineFirst ? _deadline!.Value : deadlineUtc;
        _progress.Waiting(eventName, deadlineUtc);

        using var loser = new CancellationTokenSource();
        var timer = _context.CreateTimer(fireAt, loser.Token);
        while (true)
        {
            // Raw JSON, so a payload that does not fit T is a warning and the wait goes on, not a failed instance.
            var received = _context.WaitForExternalEvent<JsonElement>(eventName, loser.Token);
            Task winner = _pastPivot
                ? await Task.WhenAny(received, timer)
                : await Task.WhenAny(received, timer, _cancellation);
            if (winner == received)
            {
                if (TryRead<T>(await received, out var value, out var problem))
                {
                    loser.Cancel(); // synchronously, on the orchestrator thread: cancels the timer
                    _progress.WaitEnded(eventName, "event_received");
                    return new EventWait<T>(true, value);
                }

                _progress.Warning(eventName, $"ignored an event whose payload is not a {typeof(T).Name}: {problem}");
                continue;
            }

            loser.Cancel(); // synchronously, on the orchestrator thread: cancels the event wait
            if (winner == _cancellation)
            {
                _progress.WaitEnded(eventName, "cancelled");
                throw Cancelled(eventName);
            }

            if (sagaDeadlineFirst)
            {
                _progress.WaitEnded(eventName, "deadline_exceeded");
                throw DeadlineExceeded(eventName);
            }

            _progress.WaitEnded(eventName, "timed_out");
            return new EventWait<T>(false, default);
        }
    }

    /// <summary>A durable pause (e.g. between migration batches) that the cancel event and the saga deadline interrupt.</summary>
    public async Task Delay(string stepName, TimeSpan delay)
    {
        ThrowIfStopped(stepName);
        if (!await DelayAsync(_context.CurrentUtcDateTime + delay, interruptible: !_pastPivot))
        {
            throw _cancellation.IsCompleted ? Cancelled(stepName) : DeadlineExceeded(stepName);
        }
    }

    /// <summary>Records a warning for an operator (published with the progress and returned in the result's warnings).</summary>
    public void Warn(string step, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        _progress.Warning(step, message);
    }

    /// <summary>Ends the saga successfully and publishes the final status.</summary>
    public T Complete<T>(T output)
    {
        _progress.SetPhase(SagaPhase.Completed, Name, "completed");
        return output;
    }

    /// <summary>
    /// Backward recovery after <paramref name="failure"/>: runs the compensation stack in reverse order (the groups of
    /// parallel steps concurrently), each with the compensation retry policy; a compensation that still fails is
    /// dead-lettered and the remaining ones still run. Ends <see cref="SagaPhase.Compensated"/>,
    /// <see cref="SagaPhase.Cancelled"/> or <see cref="SagaPhase.CompensationFailed"/>. A failure past the pivot is not
    /// compensated: it ends <see cref="SagaPhase.ManualInterventionRequired"/>. The cancel event is ignored from here on.
    /// </summary>
    public async Task<SagaReport> CompensateAsync(SagaFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (_compensated)
        {
            throw new InvalidOperationException($"Saga '{Name}' ({InstanceId}) has already been compensated.");
        }

        _compensated = true;
        if (failure.Kind == SagaFailureKind.ManualInterventionRequired)
        {
            _progress.SetPhase(SagaPhase.ManualInterventionRequired, failure.Step, "manual_intervention_required", failure.Message);
            _logger.LogError("Saga {Instance} needs manual intervention at {Step}: {Message}", InstanceId, failure.Step, failure.Message);
            return new SagaReport(SagaPhase.ManualInterventionRequired, failure, [], []);
        }

        _progress.SetPhase(SagaPhase.Compensating, failure.Step, "compensating", $"{failure.Kind}: {failure.Code}");
        var records = new List<CompensationRecord>();
        var deadLetters = new List<DeadLetter>();
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            var group = _stack[i];
            var results = group.Count == 1
                ? [await CompensateOneAsync(group[0])]
                : await Task.WhenAll(group.Select(CompensateOneAsync));
            foreach (var result in results)
            {
                records.Add(result.Record);
                if (result.DeadLetter is not null)
                {
                    deadLetters.Add(result.DeadLetter);
                }
            }
        }

        _stack.Clear();
        var outcome = deadLetters.Count > 0 ? SagaPhase.CompensationFailed
            : failure.Kind == SagaFailureKind.Cancelled ? SagaPhase.Cancelled
            : SagaPhase.Compensated;
        _progress.SetPhase(outcome, Name, outcome == SagaPhase.CompensationFailed ? "compensation_failed" : "compensated_all", $"{records.Count} compensations, {deadLetters.Count} dead letters");
        return new SagaReport(outcome, failure, records, deadLetters);
    }

    /// <summary>Runs a step with its retries and decides what its failure means (called by <see cref="StepBuilder{TResult}"/>).</summary>
    internal async Task<TResult> RunStepAsync<TResult>(StepBuilder<TResult> step)
    {
        ThrowIfStopped(step.StepName);
        ClaimStepName(step.StepName);
        var policy = _pastPivot ? _options.ForwardRecoveryRetry : step.Retry ?? _options.StepRetry;
        var attempt = await ExecuteAsync(step, policy, interruptible: !_pastPivot);
        RecordStepMetric(step.StepName, attempt.Kind);
        switch (attempt.Kind)
        {
            case StepAttemptKind.Succeeded:
                _progress.StepCompleted(step.StepName);
                if (!_pastPivot && step.Compensation is not null)
                {
                    _stack.Add([Pending(step, attempt.Value, inDoubt: false)]);
                }

                if (step.IsPivot)
                {
                    _pastPivot = true;
                    _progress.Record(step.StepName, "pivot", "point of no return passed: forward recovery only");
                }

                return attempt.Value!;
            case StepAttemptKind.Rejected:
                _progress.StepFailed(step.StepName, "rejected", attempt.Code, attempt.Message);
                throw Failure(step.StepName, attempt);
            default:
                _progress.StepFailed(step.StepName, "in_doubt", attempt.Code, attempt.Message);
                if (!_pastPivot && step.Compensation is not null)
                {
                    // In doubt: the effect may have happened, so the step's own compensation runs first, by its key.
                    _stack.Add([Pending(step, default, inDoubt: true)]);
                }

                throw Failure(step.StepName, attempt);
        }
    }

    private async Task<StepAttempt<TResult>> ExecuteAsync<TResult>(StepBuilder<TResult> step, RetryPolicy policy, bool interruptible)
    {
        var input = new StepInput<object?>(KeyFor(step.StepName), step.Data);
        _progress.StepStarted(step.StepName);
        for (var attempt = 1; ; attempt++)
        {
            ActivityFailedException error;
            try
            {
                var result = step.IsSubOrchestration
                    ? await _context.CallSubOrchestratorAsync<StepResult<TResult>>(step.Activity, input, SubOrchestrationId(input.IdempotencyKey, attempt))
                    : await _context.CallActivityAsync<StepResult<TResult>>(step.Activity, input);
                if (result is null)
                {
                    error = new ActivityFailedException(step.Activity, typeof(InvalidOperationException).FullName!, "The activity returned no result.");
                }
                else if (result.IsRejected)
                {
                    return new StepAttempt<TResult>(StepAttemptKind.Rejected, default, result.RejectionCode!, result.RejectionMessage ?? result.RejectionCode!);
                }
                else
                {
                    return StepAttempt<TResult>.Succeeded(result.Value);
                }
            }
            catch (ActivityFailedException ex)
            {
                error = ex;
            }

            if (attempt >= policy.MaxAttempts)
            {
                _logger.LogWarning("Step {Step} of {Instance} failed after {Attempts} attempts: {Error}", step.StepName, InstanceId, attempt, error.Message);
                return new StepAttempt<TResult>(StepAttemptKind.InDoubt, default, error.ErrorType, $"{error.ErrorMessage} (after {attempt} attempts)");
            }

            var nextAttemptAt = _context.CurrentUtcDateTime + policy.DelayBefore(attempt + 1);
            _progress.Retrying(step.StepName, "step", attempt, policy.MaxAttempts, error.ErrorType, error.ErrorMessage, nextAttemptAt);
            if (!await RetryWaitAsync(new StepRetry(step.StepName, "step", attempt, policy.MaxAttempts, error.ErrorType, error.ErrorMessage, nextAttemptAt), interruptible))
            {
                return new StepAttempt<TResult>(StepAttemptKind.Interrupted, default, error.ErrorType, $"{error.ErrorMessage} (retry interrupted after {attempt} attempts)");
            }
        }
    }

    /// <summary>
    /// The sub-orchestration's instance id for one attempt: <c>{stepKey}-{attempt}</c>. Durable instance ids may not
    /// contain <c>/ \ # ?</c> and should stay within 100 characters, so a long key is shortened deterministically.
    /// </summary>
    internal static string SubOrchestrationId(string stepKey, int attempt)
    {
        var id = new string([.. $"{stepKey}-{attempt}".Select(c => c is '/' or '\\' or '#' or '?' ? '_' : c)]);
        if (id.Length <= 100)
        {
            return id;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return $"{id[..60]}~{hash[..32]}";
    }

    private async Task<CompensationAttempt> CompensateOneAsync(PendingCompensation pending)
    {
        _progress.Compensating(pending.StepName, pending.Activity);
        var input = new CompensationInput<object?, object?>($"{pending.StepKey}:compensate", pending.StepKey, pending.StepData, pending.StepResult);
        var policy = _options.CompensationRetry;
        DateTime firstFailure = default, lastFailure = default;
        ActivityFailedException? error = null;
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            try
            {
                var detail = await _context.CallActivityAsync<string?>(pending.Activity, input);
                _progress.Compensated(pending.StepName, detail);
                if (!_context.IsReplaying)
                {
                    SagaMetrics.RecordCompensation(Name, pending.StepName, "compensated");
                }

                return new CompensationAttempt(
                    new CompensationRecord(pending.StepName, pending.Activity, CompensationStatus.Compensated, attempt, pending.StepWasInDoubt, detail, error?.Message),
                    null);
            }
            catch (ActivityFailedException ex)
            {
                error = ex;
                lastFailure = _context.CurrentUtcDateTime;
                firstFailure = firstFailure == default ? lastFailure : firstFailure;
            }

            if (attempt < policy.MaxAttempts)
            {
                var nextAttemptAt = _context.CurrentUtcDateTime + policy.DelayBefore(attempt + 1);
                _progress.Retrying(pending.StepName, "compensation", attempt, policy.MaxAttempts, error.ErrorType, error.ErrorMessage, nextAttemptAt);
                await RetryWaitAsync(new StepRetry(pending.StepName, "compensation", attempt, policy.MaxAttempts, error.ErrorType, error.ErrorMessage, nextAttemptAt), interruptible: false);
            }
        }

        var deadLetter = new DeadLetter(
            pending.StepKey,
            Name,
            InstanceId,
            pending.StepName,
            pending.Activity,
            JsonSerializer.Serialize<object>(input, InputJson),
            error!.ErrorType,
            error.ErrorMessage,
            policy.MaxAttempts,
            firstFailure,
            lastFailure);
        await RecordDeadLetterAsync(deadLetter);
        _progress.StepFailed(pending.StepName, "dead_lettered", error.ErrorType, error.ErrorMessage);
        if (!_context.IsReplaying)
        {
            SagaMetrics.RecordCompensation(Name, pending.StepName, "dead_lettered");
        }

        return new CompensationAttempt(
            new CompensationRecord(pending.StepName, pending.Activity, CompensationStatus.DeadLettered, policy.MaxAttempts, pending.StepWasInDoubt, null, $"{error.ErrorType}: {error.ErrorMessage}"),
            deadLetter);
    }

    /// <summary>Counts a settled step (<c>saga.steps</c>) unless this is a replay of it.</summary>
    private void RecordStepMetric(string stepName, StepAttemptKind kind)
    {
        if (!_context.IsReplaying)
        {
            SagaMetrics.RecordStep(Name, stepName, kind switch
            {
                StepAttemptKind.Succeeded => "succeeded",
                StepAttemptKind.Rejected => "rejected",
                StepAttemptKind.InDoubt => "in_doubt",
                _ => "interrupted",
            });
        }
    }

    private async Task RecordDeadLetterAsync(DeadLetter deadLetter)
    {
        _logger.LogError(
            "Compensation {Activity} of {Instance} step {Step} failed {Attempts} times; dead-lettering: {Error}",
            deadLetter.CompensationActivity,
            InstanceId,
            deadLetter.StepName,
            deadLetter.Attempts,
            deadLetter.ErrorMessage);
        try
        {
            await _context.CallActivityAsync<string?>(_options.DeadLetterActivity, deadLetter, _options.DeadLetterRetry);
        }
        catch (ActivityFailedException ex)
        {
            // The dead letter still travels in the saga's output (SagaReport.DeadLetters); never swallowed.
            _progress.Record(deadLetter.StepName, "dead_letter_write_failed", $"{ex.ErrorType}: {ex.ErrorMessage}");
            _logger.LogCritical("Could not write dead letter {Id}: {Error}", deadLetter.Id, ex.Message);
        }
    }

    /// <summary>Waits until <paramref name="fireAt"/>; false when the cancel event or the saga deadline came first.</summary>
    private async Task<bool> DelayAsync(DateTime fireAt, bool interruptible)
    {
        if (!interruptible)
        {
            await _context.CreateTimer(fireAt, CancellationToken.None);
            return true;
        }

        var deadlineFirst = _deadline is { } d && d < fireAt;
        using var loser = new CancellationTokenSource();
        var timer = _context.CreateTimer(deadlineFirst ? _deadline!.Value : fireAt, loser.Token);
        var winner = await Task.WhenAny(timer, _cancellation);
        loser.Cancel(); // synchronously, on the orchestrator thread: CancelAsync would run callbacks on the thread pool
        return winner == timer && !deadlineFirst;
    }

    /// <summary>
    /// The backoff wait of <paramref name="retry"/>: until its next attempt is due, or until the operator's
    /// <see cref="RetryEventName"/> event names this wait (then the next attempt starts now). False when the cancel event
    /// or the saga deadline came first (only when <paramref name="interruptible"/>).
    /// One event wait, created in the constructor, serves every retry wait: an event that arrives while nothing retries
    /// completes it, and the next retry wait consumes it, sees it names another wait and ignores it, so a stale event
    /// never skips a later backoff. Parallel branches share it; the first to see an event renews it.
    /// </summary>
    private async Task<bool> RetryWaitAsync(StepRetry retry, bool interruptible)
    {
        var deadlineFirst = interruptible && _deadline is { } d && d < retry.NextAttemptAt;
        using var loser = new CancellationTokenSource();
        var timer = _context.CreateTimer(deadlineFirst ? _deadline!.Value : retry.NextAttemptAt, loser.Token);
        while (true)
        {
            var signal = _retrySignal;
            var winner = interruptible ? await Task.WhenAny(timer, signal, _cancellation) : await Task.WhenAny(timer, signal);
            if (winner != signal)
            {
                loser.Cancel(); // synchronously, on the orchestrator thread: CancelAsync would run callbacks on the thread pool
                return winner == timer && !deadlineFirst;
            }

            if (ReferenceEquals(signal, _retrySignal))
            {
                _retrySignal = _context.WaitForExternalEvent<JsonElement>(RetryEventName);
            }

            if (TryRead<RetryRequest>(await signal, out var request, out _) && request!.Attempt == retry.Attempt
                && string.Equals(request.Step, retry.Step, StringComparison.Ordinal) && string.Equals(request.Kind, retry.Kind, StringComparison.Ordinal))
            {
                loser.Cancel(); // synchronously, on the orchestrator thread: cancels the timer
                _progress.Record(retry.Step, "retry_requested", $"attempt {retry.Attempt + 1} started on request{(request.Note is { } note ? $": {note}" : string.Empty)}");
                return true;
            }
        }
    }

    /// <summary>Reads an event payload as <typeparamref name="T"/>; false (with the reason) when it is empty or does not fit.</summary>
    private static bool TryRead<T>(JsonElement payload, out T? value, out string problem)
    {
        value = default;
        if (payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            problem = "the payload is empty";
            return false;
        }

        try
        {
            value = payload.Deserialize<T>(InputJson);
            problem = value is null ? "the payload is null" : string.Empty;
            return value is not null;
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    private void ThrowIfStopped(string step)
    {
        if (_pastPivot)
        {
            return;
        }

        if (_cancellation.IsCompleted)
        {
            throw Cancelled(step);
        }

        if (_deadline is { } d && _context.CurrentUtcDateTime >= d)
        {
            throw DeadlineExceeded(step);
        }
    }

    private void ClaimStepName(string stepName)
    {
        if (!_stepNames.Add(stepName))
        {
            throw new InvalidOperationException(
                $"Step name '{stepName}' is used twice in saga '{Name}'; idempotency keys would collide. Use .Named(...) to give each call its own name.");
        }
    }

    private void AddCompensation<TResult>(List<PendingCompensation> group, StepBuilder<TResult> step, TResult? result, bool inDoubt)
    {
        if (step.Compensation is not null)
        {
            group.Add(Pending(step, result, inDoubt));
        }
    }

    private PendingCompensation Pending<TResult>(StepBuilder<TResult> step, TResult? result, bool inDoubt) =>
        new(step.StepName, KeyFor(step.StepName), step.Compensation!, step.Data, result, inDoubt);

    private SagaFailedException Failure<TResult>(string step, StepAttempt<TResult> attempt)
    {
        if (_pastPivot)
        {
            _progress.Record(step, "manual_intervention_required", attempt.Message);
            return new SagaFailedException(new SagaFailure(SagaFailureKind.ManualInterventionRequired, step, attempt.Code, attempt.Message));
        }

        return attempt.Kind switch
        {
            StepAttemptKind.Rejected => new SagaFailedException(new SagaFailure(SagaFailureKind.Rejected, step, attempt.Code, attempt.Message)),
            StepAttemptKind.Interrupted when _cancellation.IsCompleted => Cancelled(step),
            StepAttemptKind.Interrupted => DeadlineExceeded(step),
            _ => new SagaFailedException(new SagaFailure(SagaFailureKind.Failed, step, attempt.Code, attempt.Message)),
        };
    }

    private SagaFailedException Cancelled(string step)
    {
        var reason = _cancellation.IsCompletedSuccessfully && TryRead<CancelRequest>(_cancellation.Result, out var request, out _) ? request!.Reason : null;
        _progress.Record(step, "cancelled", reason);
        return new SagaFailedException(new SagaFailure(SagaFailureKind.Cancelled, step, "cancelled", reason ?? "Cancelled on request."));
    }

    private SagaFailedException DeadlineExceeded(string step)
    {
        _progress.Record(step, "deadline_exceeded", $"deadline {_deadline:O}");
        return new SagaFailedException(new SagaFailure(SagaFailureKind.DeadlineExceeded, step, "deadline_exceeded", $"The saga's deadline {_deadline:O} passed."));
    }
}
