namespace SagaFunctions.Participants.Client;

/// <summary>Process one work item of batch <see cref="BatchId"/>: any non-empty string of at most 100 characters, at position <see cref="Index"/>.</summary>
public sealed record ProcessItemRequest(string BatchId, string Item, int Index);
