namespace SagaFunctions.Participants.Client;

/// <summary>The work items processed for a batch, by index (then in processing order).</summary>
public sealed record ProcessingBatchView(string BatchId, IReadOnlyList<ProcessedItem> Items);
