namespace SagaFunctions.Participants.Client;

public sealed record EventSeats(string EventId, IReadOnlyList<SeatView> Seats);
