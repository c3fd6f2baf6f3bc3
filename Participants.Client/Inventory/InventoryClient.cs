namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the inventory participant (<c>/participants/inventory</c>).</summary>
public sealed class InventoryClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Reserves all items or none; rejections: <c>out_of_stock</c>, <c>unknown_sku</c>.</summary>
    public Task<ParticipantResult<ReserveResponse>> ReserveAsync(string idempotencyKey, ReserveRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ReserveRequest, ReserveResponse>("participants/inventory/reserve", idempotencyKey, request, cancellationToken);

    /// <summary>Releases the reservation made with <see cref="ReleaseRequest.ReservationKey"/>; a no-op success when there is nothing to release.</summary>
    public Task<ParticipantResult<ReleaseResponse>> ReleaseAsync(string idempotencyKey, ReleaseRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ReleaseRequest, ReleaseResponse>("participants/inventory/release", idempotencyKey, request, cancellationToken);

    /// <summary>The stock of one SKU, or null when unknown.</summary>
    public Task<StockLevel?> GetStockAsync(string sku, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<StockLevel>("participants/inventory/" + Uri.EscapeDataString(sku), cancellationToken);
}
