namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>cancelled</c>, <c>already_cancelled</c> or <c>nothing_to_cancel</c>.</summary>
public sealed record CancelShipmentResponse(string Status, bool NothingToUndo, string? ShipmentId);
