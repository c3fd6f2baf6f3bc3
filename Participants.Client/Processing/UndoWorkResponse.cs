namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>undone</c>, <c>already_undone</c> or <c>nothing_to_undo</c>.</summary>
public sealed record UndoWorkResponse(string Status, bool NothingToUndo, string? WorkId);
