namespace SagaFunctions.Participants.Client;

public sealed record ConfirmSeatsResponse(string HoldId, IReadOnlyList<string> TicketIds);
