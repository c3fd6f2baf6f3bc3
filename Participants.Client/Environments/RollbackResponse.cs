namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>rolled_back</c>, <c>already_rolled_back</c> or <c>nothing_to_roll_back</c>.</summary>
public sealed record RollbackResponse(string Status, bool NothingToUndo, string? Environment, string? RestoredVersion);
