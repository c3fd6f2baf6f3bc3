namespace SagaFunctions.Http;

/// <summary><c>GET /api/sagas</c>: one page, newest first; pass <see cref="ContinuationToken"/> back for the next (null = last page).</summary>
public sealed record SagaSummaryPage(IReadOnlyList<SagaSummary> Items, string? ContinuationToken);
