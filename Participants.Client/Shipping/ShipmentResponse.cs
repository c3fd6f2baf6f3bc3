namespace SagaFunctions.Participants.Client;

/// <summary>A shipment. <see cref="Status"/>: <c>created</c> or <c>cancelled</c>.</summary>
public sealed record ShipmentResponse(string ShipmentId, string OrderId, string CustomerId, string TrackingNumber, string Status);
