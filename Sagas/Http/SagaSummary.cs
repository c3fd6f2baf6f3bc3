namespace SagaFunctions.Http;

/// <summary>One row of <c>GET /api/sagas</c>. <see cref="Saga"/> is null for non-saga orchestrations (dead-letter retries).</summary>
public sealed record SagaSummary(
    string InstanceId,
    string? Saga,
    string Name,
    string RuntimeStatus,
    string? Status,
    string Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string Url);
