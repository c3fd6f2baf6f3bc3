namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the processing participant (<c>/participants/processing</c>).</summary>
public sealed class ProcessingClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Processes one work item of a batch.</summary>
    public Task<ParticipantResult<ProcessItemResponse>> ProcessAsync(string idempotencyKey, ProcessItemRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ProcessItemRequest, ProcessItemResponse>("participants/processing/process", idempotencyKey, request, cancellationToken);

    /// <summary>Undoes the work item processed with <see cref="UndoWorkRequest.WorkKey"/>; a no-op success when there is nothing to undo.</summary>
    public Task<ParticipantResult<UndoWorkResponse>> UndoAsync(string idempotencyKey, UndoWorkRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<UndoWorkRequest, UndoWorkResponse>("participants/processing/undo", idempotencyKey, request, cancellationToken);

    /// <summary>The batch's work items, or null when nothing was processed for it.</summary>
    public Task<ProcessingBatchView?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<ProcessingBatchView>("participants/processing/" + Uri.EscapeDataString(batchId), cancellationToken);
}
