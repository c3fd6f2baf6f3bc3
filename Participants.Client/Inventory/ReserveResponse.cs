namespace SagaFunctions.Participants.Client;

public sealed record ReserveResponse(string ReservationId, string OrderId, IReadOnlyList<LineItem> Items);
