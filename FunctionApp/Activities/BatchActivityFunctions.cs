using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Batch;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="BatchActivities"/> method (same name), each a one-line call.</summary>
public sealed class BatchActivityFunctions(BatchActivities activities)
{
    [Function(nameof(BatchActivities.ProcessItem))]
    public Task<StepResult<ReserveResponse>> ProcessItem([ActivityTrigger] StepInput<ReserveRequest> input, CancellationToken cancellationToken) =>
        activities.ProcessItem(input, cancellationToken);

    [Function(nameof(BatchActivities.ReleaseItem))]
    public Task<string> ReleaseItem([ActivityTrigger] CompensationInput<ReserveRequest, ReserveResponse> input, CancellationToken cancellationToken) =>
        activities.ReleaseItem(input, cancellationToken);

    [Function(nameof(BatchActivities.MergeResults))]
    public Task<StepResult<BatchMerge>> MergeResults([ActivityTrigger] StepInput<BatchMergeInput> input, CancellationToken cancellationToken) =>
        activities.MergeResults(input, cancellationToken);
}
