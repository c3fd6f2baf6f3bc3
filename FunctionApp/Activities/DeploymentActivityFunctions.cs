using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Deployment;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="DeploymentActivities"/> method (same name), each a one-line call.</summary>
public sealed class DeploymentActivityFunctions(DeploymentActivities activities)
{
    [Function(nameof(DeploymentActivities.DeployStaging))]
    public Task<StepResult<DeployResponse>> DeployStaging([ActivityTrigger] StepInput<DeployRequest> input, CancellationToken cancellationToken) =>
        activities.DeployStaging(input, cancellationToken);

    [Function(nameof(DeploymentActivities.RollbackStaging))]
    public Task<string> RollbackStaging([ActivityTrigger] CompensationInput<DeployRequest, DeployResponse> input, CancellationToken cancellationToken) =>
        activities.RollbackStaging(input, cancellationToken);

    [Function(nameof(DeploymentActivities.RunIntegrationTests))]
    public Task<StepResult<RunTestsResponse>> RunIntegrationTests([ActivityTrigger] StepInput<RunTestsRequest> input, CancellationToken cancellationToken) =>
        activities.RunIntegrationTests(input, cancellationToken);

    [Function(nameof(DeploymentActivities.DeployProduction))]
    public Task<StepResult<DeployResponse>> DeployProduction([ActivityTrigger] StepInput<DeployRequest> input, CancellationToken cancellationToken) =>
        activities.DeployProduction(input, cancellationToken);

    [Function(nameof(DeploymentActivities.RollbackProduction))]
    public Task<string> RollbackProduction([ActivityTrigger] CompensationInput<DeployRequest, DeployResponse> input, CancellationToken cancellationToken) =>
        activities.RollbackProduction(input, cancellationToken);

    [Function(nameof(DeploymentActivities.UpdateDns))]
    public Task<StepResult<UpdateDnsResponse>> UpdateDns([ActivityTrigger] StepInput<UpdateDnsRequest> input, CancellationToken cancellationToken) =>
        activities.UpdateDns(input, cancellationToken);

    [Function(nameof(DeploymentActivities.CollectLogs))]
    public Task<StepResult<CollectLogsResponse>> CollectLogs([ActivityTrigger] StepInput<CollectLogsRequest> input, CancellationToken cancellationToken) =>
        activities.CollectLogs(input, cancellationToken);
}
