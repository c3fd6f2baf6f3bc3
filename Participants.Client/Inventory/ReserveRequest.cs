namespace SagaFunctions.Participants.Client;

/// <summary>Reserve stock for an order, all-or-nothing across the SKUs.</summary>
public sealed record ReserveRequest(string OrderId, IReadOnlyList<LineItem> Items);
