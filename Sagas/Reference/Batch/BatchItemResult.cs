namespace SagaFunctions.Sagas.Batch;

/// <summary>One processed item: its position in the request, the SKU and the reservation made for it.</summary>
public sealed record BatchItemResult(int Index, string Item, string ReservationId);
