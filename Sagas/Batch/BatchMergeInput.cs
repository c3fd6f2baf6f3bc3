namespace SagaFunctions.Sagas.Batch;

/// <summary>Input of the merge step: every branch's result, in request order.</summary>
public sealed record BatchMergeInput(string BatchId, IReadOnlyList<BatchItemResult> Items);
