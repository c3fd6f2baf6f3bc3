using System.Globalization;
using System.Text.Json;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// Builds the saga view and list rows from an engine-neutral <see cref="SagaInstance"/>; where the instance stands is
/// computed once, by <see cref="SagaFacts"/>.
/// </summary>
public static class SagaViews
{
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
        var facts = SagaFacts.Of(instance, isSaga: true, now, stuckAfter);
        var letters = (deadLetters ?? []).Select(d => DeadLetter(d, baseUrl)).ToList();
        return new SagaView(
            instance.InstanceId,
            sagaRoute,
            SagaVersions.OfInstance(instance.Version),
            instance.RuntimeStatus,
            facts.Status,
            facts.Outcome,
            facts.Phase,
            facts.CurrentStep,
            facts.Retries,
            facts.WaitingFor,
            facts.Stuck,
            NeedsAttention(instance, facts.Phase, letters),
            SagaHttpJson.ParseOrNull(instance.SerializedInput),
            SagaHttpJson.ParseOrNull(instance.SerializedOutput),
            SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus),
            facts.Compensations,
            facts.Warnings,
            facts.Errors,
            letters,
            instance.IsFinished ? [] : unconsumedEvents,
            facts.Failure,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            statusQueryGetUri);
    }

    /// <summary>One row of the list; <paramref name="sagaRoute"/> is null for an orchestration that is not a saga.</summary>
    public static SagaSummary ToSummary(SagaInstance instance, string? sagaRoute, string baseUrl, DateTimeOffset? now = null, TimeSpan? stuckAfter = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var facts = SagaFacts.Of(instance, isSaga: sagaRoute is not null, now, stuckAfter);
        var url = sagaRoute is null
            ? HttpManagementPayload.InstanceUrl(baseUrl, instance.InstanceId)
            : $"{baseUrl.TrimEnd('/')}/api/sagas/{sagaRoute}/{Uri.EscapeDataString(instance.InstanceId)}";
        return new SagaSummary(
            instance.InstanceId,
            sagaRoute,
            instance.Name,
            SagaVersions.OfInstance(instance.Version),
            instance.RuntimeStatus,
            facts.Status,
            facts.Outcome,
            facts.PublishedPhase,
            facts.CurrentStep,
            facts.Retries,
            facts.WaitingFor,
            facts.Stuck,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            url);
    }

    /// <summary><c>CompensationFailed</c> → <c>compensation_failed</c>; already snake_case stays as is.</summary>
    public static string SnakeCase(string value) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value);

    /// <summary>The kernel's <c>retries</c> in progress (empty once the instance has finished).</summary>
    internal static List<SagaRetryView> Retries(SagaInstance instance) => SagaFacts.Of(instance, isSaga: true).Retries;

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
}
