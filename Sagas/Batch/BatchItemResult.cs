namespace SagaFunctions.Sagas.Batch;

/// <summary>One processed item: its position in the request, the item, the processing participant's work id and result.</summary>
public sealed record BatchItemResult(int Index, string Item, string WorkId, string Result);
