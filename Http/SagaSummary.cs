namespace SagaFunctions.Http;

/// <summary>
/// One row of <c>GET /api/sagas</c>: the fields of the saga view that say where a saga stands (see <see cref="SagaView"/>),
/// without its payloads. <see cref="Saga"/> is null for non-saga orchestrations (dead-letter retries).
/// </summary>
public sealed record SagaSummary(
    string InstanceId,
    string? Saga,
    string Name,
    string Version,
    string RuntimeStatus,
    string? Status,
    string Outcome,
    string? Phase,
    string? CurrentStep,
    IReadOnlyList<SagaRetryView> Retries,
    SagaWaitView? WaitingFor,
    SagaStuckView? Stuck,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string Url);
