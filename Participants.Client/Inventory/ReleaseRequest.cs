namespace SagaFunctions.Participants.Client;

/// <summary>Release the reservation made with idempotency key <see cref="ReservationKey"/>.</summary>
public sealed record ReleaseRequest(string ReservationKey);
