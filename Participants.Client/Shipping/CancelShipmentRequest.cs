namespace SagaFunctions.Participants.Client;

/// <summary>Cancel the shipment created with idempotency key <see cref="ShipmentKey"/>.</summary>
public sealed record CancelShipmentRequest(string ShipmentKey);
