using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaFunctions.Http;

/// <summary>
/// <c>GET /api/sagas/{saga}/{instanceId}</c>: one saga instance, each fact once. Enum values are snake_case strings
/// (the outcome strings' casing) except <see cref="RuntimeStatus"/>, which is the engine's own (<c>Running</c>, ...).
/// <list type="bullet">
/// <item><see cref="RuntimeStatus"/>: the engine's state of the orchestration.</item>
/// <item><see cref="Status"/>: the saga's own result status (the output's <c>status</c>), null until it has finished.</item>
/// <item><see cref="Outcome"/>: <see cref="Status"/> once finished, else where the saga stands (its phase).</item>
/// <item><see cref="Phase"/>: the kernel's phase (<c>running</c>, <c>waiting</c>, <c>compensating</c>, <c>compensated</c>, ...).</item>
/// <item><see cref="Progress"/>: the status the saga publishes at every transition (the engine's custom status), with the timeline.</item>
/// </list>
/// <see cref="Retries"/>, <see cref="WaitingFor"/>, <see cref="DeadLetters"/> (live state) and <see cref="UnconsumedEvents"/>
/// say what the saga is doing and what needs attention; <see cref="UnconsumedEvents"/> is null where the engine cannot tell.
/// </summary>
public sealed record SagaView(
    string InstanceId,
    string Saga,
    string Version,
    string RuntimeStatus,
    string? Status,
    string Outcome,
    string? Phase,
    string? CurrentStep,
    IReadOnlyList<SagaRetryView> Retries,
    SagaWaitView? WaitingFor,
    SagaStuckView? Stuck,
    bool NeedsAttention,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? Progress,
    IReadOnlyList<JsonElement> Compensations,
    IReadOnlyList<JsonElement> Warnings,
    IReadOnlyList<SagaError> Errors,
    IReadOnlyList<SagaDeadLetterView> DeadLetters,
    IReadOnlyList<ReceivedEvent>? UnconsumedEvents,
    InstanceFailure? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string StatusQueryGetUri)
{
    /// <summary>The operator actions on this instance (cancel, terminate, and its dead letters' retries and resolutions), newest first; absent where the host keeps no audit trail.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Audit.AuditEntry>? Audit { get; init; }
}

/// <summary>
/// A retry in progress: <see cref="Attempt"/> of <see cref="MaxAttempts"/> attempts made, the last failed with
/// <see cref="LastError"/>; the next starts at <see cref="NextRetryAt"/> (in the past: it is running).
/// </summary>
/// <param name="Kind"><c>step</c> or <c>compensation</c>.</param>
public sealed record SagaRetryView(string Step, string Kind, int Attempt, int MaxAttempts, SagaErrorDetail LastError, DateTimeOffset? NextRetryAt);

/// <summary>An error code (rejection code or exception type) and its message.</summary>
public sealed record SagaErrorDetail(string? Code, string? Message);

/// <summary>What a waiting saga waits for (an event name) and until when (the time its timer fires).</summary>
public sealed record SagaWaitView(string Event, DateTimeOffset? Until);

/// <summary>Why an unfinished saga looks stuck, and since when.</summary>
public sealed record SagaStuckView(DateTimeOffset Since, string Reason);

/// <summary>One of the saga's dead letters with its live review state and the routes to act on it.</summary>
/// <param name="Status"><c>open</c>, <c>retrying</c>, <c>retry_failed</c> or <c>resolved</c>.</param>
public sealed record SagaDeadLetterView(
    string Id,
    string Step,
    string CompensationActivity,
    string Status,
    int RetryCount,
    string? LastRetryError,
    DateTime? ResolvedAt,
    string? Resolution,
    string Url,
    string RetryUrl,
    string ResolveUrl);
