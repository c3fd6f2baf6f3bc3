namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the seats participant (<c>/participants/seats</c>).</summary>
public sealed class SeatsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Holds seats until the returned expiry; rejections: <c>sold_out</c>, <c>seat_unavailable</c>, <c>unknown_event</c>, <c>unknown_seat</c>.</summary>
    public Task<ParticipantResult<HoldSeatsResponse>> HoldAsync(string idempotencyKey, HoldSeatsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<HoldSeatsRequest, HoldSeatsResponse>("participants/seats/hold", idempotencyKey, request, cancellationToken);

    /// <summary>Confirms a hold and issues tickets; rejections: <c>hold_expired</c>, <c>hold_released</c>, <c>hold_not_found</c>.</summary>
    public Task<ParticipantResult<ConfirmSeatsResponse>> ConfirmAsync(string idempotencyKey, ConfirmSeatsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ConfirmSeatsRequest, ConfirmSeatsResponse>("participants/seats/confirm", idempotencyKey, request, cancellationToken);

    /// <summary>Releases the hold made with <see cref="ReleaseSeatsRequest.HoldKey"/>; a no-op success when there is nothing to release.</summary>
    public Task<ParticipantResult<ReleaseSeatsResponse>> ReleaseAsync(string idempotencyKey, ReleaseSeatsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ReleaseSeatsRequest, ReleaseSeatsResponse>("participants/seats/release", idempotencyKey, request, cancellationToken);

    /// <summary>The event's seats, or null when the event is unknown.</summary>
    public Task<EventSeats?> GetSeatsAsync(string eventId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<EventSeats>("participants/seats/" + Uri.EscapeDataString(eventId), cancellationToken);
}
