using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Batch;

/// <summary>Batch outcome: <c>completed</c> (with <see cref="Merged"/>), <c>failed</c> (every processed item undone) or <c>cancelled</c>.</summary>
public sealed record BatchResult : SagaResult
{
    public required string BatchId { get; init; }

    /// <summary>The items processed (each with its work id and result); filled only when every branch succeeded.</summary>
    public IReadOnlyList<BatchItemResult> Items { get; init; } = [];

    public BatchMerge? Merged { get; init; }
}
