namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>released</c>, <c>already_released</c> or <c>nothing_to_release</c>.</summary>
public sealed record ReleaseResponse(string Status, bool NothingToUndo, string? ReservationId, IReadOnlyList<LineItem> Items);
