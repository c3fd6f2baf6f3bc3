using System.Text.Json;

namespace SagaFunctions.Http;

/// <summary>
/// <c>GET /api/sagas/{saga}/{instanceId}</c>: the engine's view of the instance plus the saga's own story —
/// <see cref="Status"/> is the output's <c>status</c> string (null while running), <see cref="Outcome"/> that status once
/// finished (else where the saga stands), <see cref="Phase"/> the kernel's phase, <see cref="Progress"/> the custom
/// status the saga publishes at every transition (phase, current step, timeline), and the compensations, warnings
/// and errors pulled out of output and progress for quick reading.
/// </summary>
public sealed record SagaView(
    string InstanceId,
    string Saga,
    string RuntimeStatus,
    string? Status,
    string Outcome,
    string? Phase,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? CustomStatus,
    JsonElement? Progress,
    IReadOnlyList<JsonElement> Compensations,
    IReadOnlyList<JsonElement> Warnings,
    IReadOnlyList<SagaError> Errors,
    InstanceFailure? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string StatusQueryGetUri);
