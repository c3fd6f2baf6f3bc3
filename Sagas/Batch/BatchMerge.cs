namespace SagaFunctions.Sagas.Batch;

/// <summary>
/// The merged result of a batch: the per-item results in request order, how many times each distinct item occurred, and
/// the processing work ids (request order).
/// </summary>
public sealed record BatchMerge(
    string BatchId,
    int ItemCount,
    IReadOnlyList<string> Results,
    IReadOnlyDictionary<string, int> CountByItem,
    IReadOnlyList<string> WorkIds);
