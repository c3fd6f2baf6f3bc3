namespace SagaFunctions.Participants.Client;

/// <summary><see cref="State"/>: <c>free</c>, <c>held</c> or <c>sold</c>.</summary>
public sealed record SeatView(string SeatId, string State, string? HoldId = null, DateTimeOffset? ExpiresAt = null);
