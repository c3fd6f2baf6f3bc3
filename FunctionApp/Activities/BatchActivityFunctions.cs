using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Batch;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="BatchActivities"/> method (same name), each a one-line call.</summary>
public sealed class BatchActivityFunctions(BatchActivities activities)
{
    [Function(nameof(BatchActivities.ProcessItem))]
    public Task<StepResult<ProcessItemResponse>> ProcessItem([ActivityTrigger] StepInput<ProcessItemRequest> input, CancellationToken cancellationToken) =>
        activities.ProcessItem(input, cancellationToken);

    [Function(nameof(BatchActivities.UndoItem))]
    public Task<string> UndoItem([ActivityTrigger] CompensationInput<ProcessItemRequest, ProcessItemResponse> input, CancellationToken cancellationToken) =>
        activities.UndoItem(input, cancellationToken);

    [Function(nameof(BatchActivities.MergeResults))]
    public Task<StepResult<BatchMerge>> MergeResults([ActivityTrigger] StepInput<BatchMergeInput> input, CancellationToken cancellationToken) =>
        activities.MergeResults(input, cancellationToken);
}
