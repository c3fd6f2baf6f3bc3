namespace SagaFunctions.Sagas.Batch;

/// <summary>The merged result of a batch: how many units of each SKU were reserved, and by which reservations.</summary>
public sealed record BatchMerge(string BatchId, int ItemCount, IReadOnlyDictionary<string, int> UnitsBySku, IReadOnlyList<string> ReservationIds);
