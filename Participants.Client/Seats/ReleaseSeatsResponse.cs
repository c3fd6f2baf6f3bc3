namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>released</c>, <c>already_released</c>, <c>expired</c> (the hold had already lapsed) or <c>nothing_to_release</c>.</summary>
public sealed record ReleaseSeatsResponse(string Status, bool NothingToUndo, string? HoldId, IReadOnlyList<string> SeatIds);
