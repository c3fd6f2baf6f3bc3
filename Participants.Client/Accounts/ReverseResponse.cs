namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>reversed</c>, <c>already_reversed</c> or <c>nothing_to_reverse</c>.</summary>
public sealed record ReverseResponse(string Status, bool NothingToUndo, string? ReversalTxId, string? ReversedTxId, string? AccountId, decimal Amount, decimal? Balance);
