namespace SagaFunctions.Participants.Client;

public sealed record CreateShipmentRequest(string OrderId, string CustomerId, IReadOnlyList<LineItem> Items);
