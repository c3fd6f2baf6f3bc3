namespace SagaFunctions.Participants.Client;

public sealed record HoldSeatsResponse(string HoldId, string EventId, IReadOnlyList<string> SeatIds, DateTimeOffset ExpiresAt);
