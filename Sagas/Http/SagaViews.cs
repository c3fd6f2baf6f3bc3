using System.Text.Json;

namespace SagaFunctions.Http;

/// <summary>Builds the saga view and list rows from an engine-neutral <see cref="SagaInstance"/>.</summary>
public static class SagaViews
{
    private static readonly string[] CompensationKeys = ["compensations", "compensated", "compensatedSteps"];
    private static readonly string[] WarningKeys = ["warnings"];
    private static readonly string[] ErrorKeys = ["errors", "failedSteps", "failed"];

    public static SagaView ToView(SagaInstance instance, string sagaRoute, string statusQueryGetUri)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var output = SagaHttpJson.ParseOrNull(instance.SerializedOutput);
        var progress = SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus);
        var status = OutputStatus(output);
        var failure = instance.RuntimeStatus == "Failed" || instance.FailureType is not null || instance.FailureMessage is not null
            ? new InstanceFailure(instance.FailureType, instance.FailureMessage)
            : null;

        var errors = Errors(progress, output, failure);

        return new SagaView(
            instance.InstanceId,
            sagaRoute,
            instance.RuntimeStatus,
            status,
            Outcome(instance.RuntimeStatus, status, progress),
            ViewPhase(instance.RuntimeStatus, progress),
            SagaHttpJson.ParseOrNull(instance.SerializedInput),
            output,
            progress,
            progress,
            FirstNonEmpty(PickArray(output, CompensationKeys), PickArray(progress, CompensationKeys)),
            FirstNonEmpty(PickArray(output, WarningKeys), PickArray(progress, WarningKeys)),
            errors,
            failure,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            statusQueryGetUri);
    }

    public static SagaSummary ToSummary(SagaInstance instance, string? sagaRoute, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var status = OutputStatus(SagaHttpJson.ParseOrNull(instance.SerializedOutput));
        var url = sagaRoute is null
            ? HttpManagementPayload.InstanceUrl(baseUrl, instance.InstanceId)
            : $"{baseUrl.TrimEnd('/')}/api/sagas/{sagaRoute}/{Uri.EscapeDataString(instance.InstanceId)}";
        return new SagaSummary(
            instance.InstanceId,
            sagaRoute,
            instance.Name,
            instance.RuntimeStatus,
            status,
            Outcome(instance.RuntimeStatus, status, SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus)),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            url);
    }

    /// <summary>
    /// The saga's outcome: once it has finished, the output's <c>status</c> — the DESIGN §2.4 outcome string
    /// (<c>completed</c>, <c>failed</c>, <c>insufficient_funds</c>, <c>payment_failed</c>, …); while it runs, where it
    /// stands (the kernel's phase in snake_case: <c>running</c>, <c>waiting</c>, <c>compensating</c>). Terminated and
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
            _ => runtimeStatus.ToLowerInvariant(),
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
        progress is { ValueKind: JsonValueKind.Object } p && TryGetProperty(p, "phase", out var phase)
            && phase.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(phase.GetString())
            ? SnakeCase(phase.GetString()!)
            : null;

    /// <summary><c>CompensationFailed</c> → <c>compensation_failed</c>; already snake_case stays as is.</summary>
    public static string SnakeCase(string value) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value);

    /// <summary>The <c>status</c> string of a saga output object, or null.</summary>
    public static string? OutputStatus(JsonElement? output) =>
        output is { ValueKind: JsonValueKind.Object } o && TryGetProperty(o, "status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;

    /// <summary>
    /// The failed steps from the progress, then the saga's own failure from its output (merged into the entry of the
    /// same step, which it describes more fully), then the instance's failure details: one <see cref="SagaError"/> each.
    /// </summary>
    private static List<SagaError> Errors(JsonElement? progress, JsonElement? output, InstanceFailure? failure)
    {
        var errors = PickArray(progress, ErrorKeys).Concat(PickArray(output, ["errors"]))
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new SagaError(Text(e, "step"), Text(e, "kind"), Text(e, "code") ?? Text(e, "errorType"), Text(e, "message")))
            .ToList();
        if (output is { ValueKind: JsonValueKind.Object } o && TryGetProperty(o, "error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var sagaError = new SagaError(Text(error, "step"), Text(error, "kind"), Text(error, "code"), Text(error, "message"));
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
            errors.Add(new SagaError(null, "Crashed", failure.ErrorType, failure.ErrorMessage));
        }

        return errors;
    }

    private static string? Text(JsonElement obj, string name) =>
        TryGetProperty(obj, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
