namespace SagaFunctions.Participants.Client;

/// <summary>A processed work item: its id and the processed value (<c>processed:{item}</c>).</summary>
public sealed record ProcessItemResponse(string WorkId, string BatchId, string Item, string Result);
