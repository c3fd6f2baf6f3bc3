namespace SagaFunctions.Participants.Client;

public sealed record HoldSeatsRequest(string EventId, IReadOnlyList<string> SeatIds, string CustomerId, string BookingId);
