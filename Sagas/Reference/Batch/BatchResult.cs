using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Batch;

/// <summary>Batch outcome: <c>completed</c> (with <see cref="Merged"/>), <c>failed</c> (every processed item undone) or <c>cancelled</c>.</summary>
public sealed record BatchResult : SagaResult
{
    public required string BatchId { get; init; }

    /// <summary>The items processed; on failure, these have been compensated.</summary>
    public IReadOnlyList<BatchItemResult> Items { get; init; } = [];

    public BatchMerge? Merged { get; init; }
}
