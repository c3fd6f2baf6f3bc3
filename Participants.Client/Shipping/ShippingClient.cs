namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the shipping participant (<c>/participants/shipping</c>).</summary>
public sealed class ShippingClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Creates a shipment.</summary>
    public Task<ParticipantResult<ShipmentResponse>> CreateAsync(string idempotencyKey, CreateShipmentRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreateShipmentRequest, ShipmentResponse>("participants/shipping/create", idempotencyKey, request, cancellationToken);

    /// <summary>Cancels the shipment created with <see cref="CancelShipmentRequest.ShipmentKey"/>; a no-op success when there is nothing to cancel.</summary>
    public Task<ParticipantResult<CancelShipmentResponse>> CancelAsync(string idempotencyKey, CancelShipmentRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CancelShipmentRequest, CancelShipmentResponse>("participants/shipping/cancel", idempotencyKey, request, cancellationToken);

    /// <summary>The shipment, or null when unknown.</summary>
    public Task<ShipmentResponse?> GetShipmentAsync(string shipmentId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<ShipmentResponse>("participants/shipping/" + Uri.EscapeDataString(shipmentId), cancellationToken);
}
