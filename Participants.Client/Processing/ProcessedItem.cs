namespace SagaFunctions.Participants.Client;

/// <summary>One work item of a batch. <see cref="State"/>: <c>processed</c> or <c>undone</c>.</summary>
public sealed record ProcessedItem(string Item, int Index, string State, string WorkId);
