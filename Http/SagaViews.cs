using System.Globalization;
using System.Text.Json;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>Builds the saga view and list rows from an engine-neutral <see cref="SagaInstance"/>.</summary>
public static class SagaViews
{
    private static readonly string[] CompensationKeys = ["compensations", "compensated", "compensatedSteps"];
    private static readonly string[] WarningKeys = ["warnings"];
    private static readonly string[] ErrorKeys = ["errors", "failedSteps", "failed"];

    /// <summary>
    /// The saga view. <paramref name="deadLetters"/> are this instance's entries (live state); <paramref name="now"/> decides
    /// <c>stuck</c>; <paramref name="statusQueryGetUri"/> is the host's management URL of the instance.
    /// </summary>
    public static SagaView ToView(
        SagaInstance instance,
        string sagaRoute,
        string baseUrl,
        string statusQueryGetUri,
        IReadOnlyList<DeadLetterEntry>? deadLetters = null,
        IReadOnlyList<ReceivedEvent>? unconsumedEvents = null,
        DateTimeOffset? now = null,
        TimeSpan? stuckAfter = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var output = SagaHttpJson.ParseOrNull(instance.SerializedOutput);
        var progress = SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus);
        var status = OutputStatus(output);
        var failure = instance.RuntimeStatus == "Failed" || instance.FailureType is not null || instance.FailureMessage is not null
            ? new InstanceFailure(instance.FailureType, instance.FailureMessage)
            : null;
        var phase = ViewPhase(instance.RuntimeStatus, progress);
        var retries = Retries(instance, progress);
        var waiting = WaitingFor(instance, progress);
        var letters = (deadLetters ?? []).Select(d => DeadLetter(d, baseUrl)).ToList();

        return new SagaView(
            instance.InstanceId,
            sagaRoute,
            SagaVersions.OfInstance(instance.Version),
            instance.RuntimeStatus,
            status,
            Outcome(instance.RuntimeStatus, status, progress),
            phase,
            CurrentStep(instance, progress),
            retries,
            waiting,
            Stuck(instance, retries, waiting, now, stuckAfter),
            NeedsAttention(instance, phase, letters),
            SagaHttpJson.ParseOrNull(instance.SerializedInput),
            output,
            progress,
            FirstNonEmpty(PickArray(output, CompensationKeys), PickArray(progress, CompensationKeys)),
            FirstNonEmpty(PickArray(output, WarningKeys), PickArray(progress, WarningKeys)),
            Errors(progress, output, failure),
            letters,
            instance.IsFinished ? [] : unconsumedEvents,
            failure,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            statusQueryGetUri);
    }

    public static SagaSummary ToSummary(SagaInstance instance, string? sagaRoute, string baseUrl, DateTimeOffset? now = null, TimeSpan? stuckAfter = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var progress = SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus);
        var status = OutputStatus(SagaHttpJson.ParseOrNull(instance.SerializedOutput));
        var url = sagaRoute is null
            ? HttpManagementPayload.InstanceUrl(baseUrl, instance.InstanceId)
            : $"{baseUrl.TrimEnd('/')}/api/sagas/{sagaRoute}/{Uri.EscapeDataString(instance.InstanceId)}";
        var retries = Retries(instance, progress);
        var waiting = WaitingFor(instance, progress);
        return new SagaSummary(
            instance.InstanceId,
            sagaRoute,
            instance.Name,
            SagaVersions.OfInstance(instance.Version),
            instance.RuntimeStatus,
            status,
            Outcome(instance.RuntimeStatus, status, progress),
            Phase(progress),
            CurrentStep(instance, progress),
            retries,
            waiting,
            Stuck(instance, retries, waiting, now, stuckAfter),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            url);
    }

    /// <summary>
    /// The saga's outcome: once it has finished, the output's <c>status</c> — one of the outcome strings
    /// (<c>completed</c>, <c>failed</c>, <c>insufficient_funds</c>, <c>payment_failed</c>, …); while it runs, where it
    /// stands (the kernel's phase: <c>running</c>, <c>waiting</c>, <c>compensating</c>). Terminated and
    /// failed (crashed) instances say so.
    /// </summary>
    public static string Outcome(string runtimeStatus, string? status, JsonElement? progress = null)
    {
        switch (runtimeStatus)
        {
            case "Terminated":
                return "terminated";
            case "Failed":
                return "failed";
        }

        if (status is not null)
        {
            return status;
        }

        return Phase(progress) ?? runtimeStatus switch
        {
            "Completed" => "completed",
            "ContinuedAsNew" => "running",
            _ => SnakeCase(runtimeStatus),
        };
    }

    /// <summary>
    /// The phase a view shows: the kernel's, unless the engine ended the instance behind the kernel's back (terminated,
    /// or failed by an unhandled error), when the last published phase (e.g. <c>waiting</c>) is stale.
    /// </summary>
    public static string? ViewPhase(string runtimeStatus, JsonElement? progress) => runtimeStatus switch
    {
        "Terminated" => "terminated",
        "Failed" => "failed",
        _ => Phase(progress),
    };

    /// <summary>
    /// The kernel's phase from the published progress, in snake_case (<c>running</c>, <c>waiting</c>,
    /// <c>compensating</c>, <c>completed</c>, <c>compensated</c>, <c>compensation_failed</c>, <c>cancelled</c>,
    /// <c>manual_intervention_required</c>), or null when the saga published none.
    /// </summary>
    public static string? Phase(JsonElement? progress) =>
        Text(progress, "phase") is { Length: > 0 } phase ? SnakeCase(phase) : null;

    /// <summary><c>CompensationFailed</c> → <c>compensation_failed</c>; already snake_case stays as is.</summary>
    public static string SnakeCase(string value) =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value);

    /// <summary>The <c>status</c> string of a saga output object, or null.</summary>
    public static string? OutputStatus(JsonElement? output) => Text(output, "status");

    private static string? CurrentStep(SagaInstance instance, JsonElement? progress) =>
        instance.IsFinished ? null : Text(progress, "currentStep");

    /// <summary>The kernel's <c>retries</c> in progress (empty once the instance has finished).</summary>
    internal static List<SagaRetryView> Retries(SagaInstance instance) =>
        Retries(instance, SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus));

    /// <summary>The kernel's <c>retries</c> in progress (empty once the instance has finished).</summary>
    private static List<SagaRetryView> Retries(SagaInstance instance, JsonElement? progress)
    {
        if (instance.IsFinished)
        {
            return [];
        }

        return PickArray(progress, ["retries"])
            .Where(r => r.ValueKind == JsonValueKind.Object && Text(r, "step") is not null)
            .Select(r => new SagaRetryView(
                Text(r, "step")!,
                SnakeCase(Text(r, "kind") ?? "step"),
                Number(r, "attempt"),
                Number(r, "maxAttempts"),
                new SagaErrorDetail(Text(r, "errorCode"), Text(r, "errorMessage")),
                Date(r, "nextAttemptAt")))
            .ToList();
    }

    private static SagaWaitView? WaitingFor(SagaInstance instance, JsonElement? progress) =>
        !instance.IsFinished && Text(progress, "waitingFor") is { } name
            ? new SagaWaitView(name, progress is { } p ? Date(p, "waitDeadline") : null)
            : null;

    /// <summary>
    /// An unfinished, unsuspended saga is stuck when a retry that was due more than <paramref name="stuckAfter"/> ago has not
    /// started, when its wait ended that long ago without it moving on, or when it has not changed for that long without
    /// waiting for anything. Without <paramref name="now"/> nothing is stuck.
    /// </summary>
    private static SagaStuckView? Stuck(SagaInstance instance, List<SagaRetryView> retries, SagaWaitView? waiting, DateTimeOffset? now, TimeSpan? stuckAfter)
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

    private static bool NeedsAttention(SagaInstance instance, string? phase, List<SagaDeadLetterView> deadLetters) =>
        instance.RuntimeStatus == "Failed"
        || phase == "manual_intervention_required"
        || (phase == "compensation_failed" && (deadLetters.Count == 0 || deadLetters.Any(d => d.Status != "resolved")));

    private static SagaDeadLetterView DeadLetter(DeadLetterEntry entry, string baseUrl)
    {
        var url = $"{baseUrl.TrimEnd('/')}/api/dead-letters/{Uri.EscapeDataString(entry.Record.Id)}";
        return new SagaDeadLetterView(
            entry.Record.Id,
            entry.Record.StepName,
            entry.Record.CompensationActivity,
            SnakeCase(entry.Status.ToString()),
            entry.RetryCount,
            entry.LastRetryError,
            entry.ResolvedAt,
            entry.Resolution,
            url,
            $"{url}/retry",
            $"{url}/resolve");
    }

    /// <summary>
    /// The failed steps from the progress, then the saga's own failure from its output (merged into the entry of the
    /// same step, which it describes more fully), then the instance's failure details: one <see cref="SagaError"/> each.
    /// </summary>
    private static List<SagaError> Errors(JsonElement? progress, JsonElement? output, InstanceFailure? failure)
    {
        var errors = PickArray(progress, ErrorKeys).Concat(PickArray(output, ["errors"]))
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new SagaError(Text(e, "step"), Kind(e), Text(e, "code") ?? Text(e, "errorType"), Text(e, "message")))
            .ToList();
        if (output is { ValueKind: JsonValueKind.Object } o && TryGetProperty(o, "error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var sagaError = new SagaError(Text(error, "step"), Kind(error), Text(error, "code"), Text(error, "message"));
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

    private static string? Kind(JsonElement error) => Text(error, "kind") is { } kind ? SnakeCase(kind) : null;

    private static string? Text(JsonElement? obj, string name) =>
        obj is { ValueKind: JsonValueKind.Object } o && TryGetProperty(o, name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int Number(JsonElement obj, string name) =>
        TryGetProperty(obj, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;

    private static DateTimeOffset? Date(JsonElement obj, string name) =>
        TryGetProperty(obj, name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    private static List<JsonElement> FirstNonEmpty(List<JsonElement> first, List<JsonElement> second) =>
        first.Count > 0 ? first : second;

    private static List<JsonElement> PickArray(JsonElement? element, string[] keys)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            return [];
        }

        foreach (var key in keys)
        {
            if (TryGetProperty(obj, key, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
            {
                return value.EnumerateArray().Select(e => e.Clone()).ToList();
            }
        }

        return [];
    }

    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
