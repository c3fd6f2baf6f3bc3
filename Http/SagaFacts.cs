using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// Where an instance stands, computed in this one place for the saga view and the list rows from its typed custom status
/// (the kernel's <see cref="SagaStatus"/>, or the <see cref="VersionFailureStatus"/> an instance of an unregistered
/// version publishes) and its output (<see cref="SagaOutput"/>). A custom status or output of another shape (a
/// dead-letter retry's, an old or malformed one) yields no facts from it rather than an error.
/// </summary>
/// <param name="PublishedPhase">The kernel's last published phase in snake_case, or null when the instance published none.</param>
/// <param name="Phase">
/// The phase a view shows: <see cref="PublishedPhase"/>, unless the engine ended the instance behind the kernel's back
/// (terminated, or failed by an unhandled error), when the last published phase (e.g. <c>waiting</c>) is stale.
/// </param>
internal sealed record SagaFacts(
    string? Status,
    string Outcome,
    string? PublishedPhase,
    string? Phase,
    string? CurrentStep,
    List<SagaRetryView> Retries,
    SagaWaitView? WaitingFor,
    SagaStuckView? Stuck,
    IReadOnlyList<JsonElement> Compensations,
    IReadOnlyList<JsonElement> Warnings,
    List<SagaError> Errors,
    InstanceFailure? Failure)
{
    /// <summary>
    /// The facts of <paramref name="instance"/>; <paramref name="isSaga"/> says its output is a saga result.
    /// <paramref name="now"/> decides <see cref="Stuck"/> (without it nothing is stuck).
    /// </summary>
    public static SagaFacts Of(SagaInstance instance, bool isSaga, DateTimeOffset? now = null, TimeSpan? stuckAfter = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var status = ReadStatus(instance.SerializedCustomStatus);
        var versionFailure = status is null ? Read<VersionFailureStatus>(instance.SerializedCustomStatus) : null;
        var output = isSaga ? Read<SagaOutput>(instance.SerializedOutput) : null;
        var result = isSaga ? output : Read<OrchestrationOutput>(instance.SerializedOutput);
        var failure = instance.RuntimeStatus == "Failed" || instance.FailureType is not null || instance.FailureMessage is not null
            ? new InstanceFailure(instance.FailureType, instance.FailureMessage)
            : null;
        var published = status is not null ? SagaViews.SnakeCase(status.Phase.ToString())
            : versionFailure?.Phase is { Length: > 0 } phase ? SagaViews.SnakeCase(phase)
            : null;
        var unfinished = instance.IsFinished ? null : status;
        var retries = RetriesOf(unfinished);
        var waiting = unfinished?.WaitingFor is { } name ? new SagaWaitView(name, Utc(unfinished.WaitDeadline)) : null;
        return new SagaFacts(
            result?.Status,
            OutcomeOf(instance.RuntimeStatus, result?.Status, published),
            published,
            instance.RuntimeStatus switch
            {
                "Terminated" => "terminated",
                "Failed" => "failed",
                _ => published,
            },
            unfinished?.CurrentStep,
            retries,
            waiting,
            StuckOf(instance, retries, waiting, now, stuckAfter),
            output?.Compensations is { Count: > 0 } compensations ? compensations : Elements(status?.CompensatedSteps),
            Elements(output?.Warnings is { Count: > 0 } warnings ? warnings : status?.Warnings),
            ErrorsOf(status, versionFailure, output?.Error, failure),
            failure);
    }

    /// <summary>
    /// The saga's outcome: once it has finished, the output's <c>status</c> — one of the outcome strings
    /// (<c>completed</c>, <c>failed</c>, <c>insufficient_funds</c>, <c>payment_failed</c>, …); while it runs, where it
    /// stands (the kernel's phase: <c>running</c>, <c>waiting</c>, <c>compensating</c>). Terminated and
    /// failed (crashed) instances say so.
    /// </summary>
    private static string OutcomeOf(string runtimeStatus, string? status, string? phase) => runtimeStatus switch
    {
        "Terminated" => "terminated",
        "Failed" => "failed",
        _ => status ?? phase ?? runtimeStatus switch
        {
            "Completed" => "completed",
            "ContinuedAsNew" => "running",
            _ => SagaViews.SnakeCase(runtimeStatus),
        },
    };

    /// <summary>The kernel's status as published, its lists empty where an older or partial status lacks them; null when the custom status is not one.</summary>
    private static SagaStatus? ReadStatus(string? json) => Read<SagaStatus>(json) is { } status && Enum.IsDefined(status.Phase)
        ? status with
        {
            CompletedSteps = status.CompletedSteps ?? [],
            CompensatedSteps = status.CompensatedSteps ?? [],
            FailedSteps = status.FailedSteps ?? [],
            Retries = status.Retries ?? [],
            Warnings = status.Warnings ?? [],
            Timeline = status.Timeline ?? [],
        }
        : null;

    /// <summary>Stored JSON read as <typeparamref name="T"/> the way the engines wrote it; null when absent or of another shape.</summary>
    private static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, SagaStatus.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The kernel's retries in progress of an unfinished instance.</summary>
    private static List<SagaRetryView> RetriesOf(SagaStatus? status) =>
        status is null
            ? []
            : [.. status.Retries
                .Where(r => r is { Step: not null })
                .Select(r => new SagaRetryView(
                    r.Step,
                    SagaViews.SnakeCase(r.Kind ?? "step"),
                    r.Attempt,
                    r.MaxAttempts,
                    new SagaErrorDetail(r.ErrorCode, r.ErrorMessage),
                    r.NextAttemptAt == default ? null : Utc(r.NextAttemptAt)))];

    /// <summary>
    /// An unfinished, unsuspended saga is stuck when a retry that was due more than <paramref name="stuckAfter"/> ago has not
    /// started, when its wait ended that long ago without it moving on, or when it has not changed for that long without
    /// waiting for anything. Without <paramref name="now"/> nothing is stuck.
    /// </summary>
    private static SagaStuckView? StuckOf(SagaInstance instance, List<SagaRetryView> retries, SagaWaitView? waiting, DateTimeOffset? now, TimeSpan? stuckAfter)
    {
        if (now is not { } at || instance.IsFinished || instance.RuntimeStatus == "Suspended")
        {
            return null;
        }

        var limit = at - (stuckAfter ?? TimeSpan.FromMinutes(15));
        if (retries.FirstOrDefault(r => r.NextRetryAt < limit) is { } overdue)
        {
            return new SagaStuckView(overdue.NextRetryAt!.Value, $"The next attempt of '{overdue.Step}' was due at {overdue.NextRetryAt:O} and has not started.");
        }

        if (waiting is { Until: { } until } && until < limit)
        {
            return new SagaStuckView(until, $"The wait for '{waiting.Event}' ended at {until:O} but the saga has not moved on.");
        }

        if (waiting is null && retries.Count == 0 && instance.LastUpdatedAt < limit)
        {
            return new SagaStuckView(instance.LastUpdatedAt, $"No progress since {instance.LastUpdatedAt:O}, and it is not waiting for an event or a retry.");
        }

        return null;
    }

    /// <summary>
    /// The failed steps from the published status (or the version failure's error), then the saga's own failure from
    /// its output (merged into the entry of the same step, which it describes more fully), then the instance's failure
    /// details: one <see cref="SagaError"/> each.
    /// </summary>
    private static List<SagaError> ErrorsOf(SagaStatus? status, VersionFailureStatus? versionFailure, SagaFailure? sagaFailure, InstanceFailure? failure)
    {
        List<SagaError> errors =
        [
            .. (status?.FailedSteps ?? []).Select(e => new SagaError(e.Step, null, e.ErrorType, e.Message)),
            .. (versionFailure?.Errors ?? []).Select(e => new SagaError(e.Step, e.Kind is null ? null : SagaViews.SnakeCase(e.Kind), e.Code, e.Message)),
        ];
        if (sagaFailure is not null)
        {
            var sagaError = new SagaError(sagaFailure.Step, SagaViews.SnakeCase(sagaFailure.Kind.ToString()), sagaFailure.Code, sagaFailure.Message);
            var same = errors.FindIndex(e => e.Step is not null && string.Equals(e.Step, sagaError.Step, StringComparison.Ordinal));
            if (same >= 0)
            {
                errors[same] = sagaError;
            }
            else
            {
                errors.Add(sagaError);
            }
        }

        if (failure is not null)
        {
            errors.Add(new SagaError(null, "crashed", failure.ErrorType, failure.ErrorMessage));
        }

        return errors;
    }

    private static List<JsonElement> Elements<T>(IReadOnlyList<T>? values) =>
        [.. (values ?? []).Select(v => JsonSerializer.SerializeToElement(v, SagaHttpJson.Options))];

    /// <summary>A time the kernel wrote (UTC; one without an offset counts as UTC) as a UTC offset.</summary>
    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? Utc(t) : null;
}
