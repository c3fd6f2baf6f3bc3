namespace SagaFunctions.Http;

/// <summary>Filters for listing instances. <see cref="ContinuationToken"/> is opaque and engine-specific.</summary>
public sealed record SagaInstanceQuery(
    string? OrchestratorName = null,
    IReadOnlyList<string>? RuntimeStatuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int PageSize = 50,
    string? ContinuationToken = null);
