namespace SagaFunctions.Runtime;

/// <summary>
/// Filters for <see cref="DurableClient.QueryAsync"/>. Results are newest first; pass the previous page's
/// <see cref="InstancePage.ContinuationToken"/> to get the next page.
/// <see cref="Version"/> matches the version the instances started with exactly (empty: those started without one).
/// </summary>
public sealed record InstanceQuery(
    IReadOnlyCollection<OrchestrationStatus>? Statuses = null,
    string? Name = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool IncludePayloads = false,
    string? Version = null);
