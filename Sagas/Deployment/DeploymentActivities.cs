using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Deployment;

/// <summary>The deployment saga's steps and compensations against the environments participant.</summary>
public sealed class DeploymentActivities(EnvironmentsClient environments)
{
    public async Task<StepResult<DeployResponse>> DeployStaging(StepInput<DeployRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await environments.DeployAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public Task<string> RollbackStaging(CompensationInput<DeployRequest, DeployResponse> input, CancellationToken ct) => RollbackAsync(input, ct);

    public async Task<StepResult<RunTestsResponse>> RunIntegrationTests(StepInput<RunTestsRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await environments.RunTestsAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<StepResult<DeployResponse>> DeployProduction(StepInput<DeployRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await environments.DeployAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public Task<string> RollbackProduction(CompensationInput<DeployRequest, DeployResponse> input, CancellationToken ct) => RollbackAsync(input, ct);

    public async Task<StepResult<UpdateDnsResponse>> UpdateDns(StepInput<UpdateDnsRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await environments.UpdateDnsAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    /// <summary>Collects (and archives) an environment's logs; the saga calls it before every rollback.</summary>
    public async Task<StepResult<CollectLogsResponse>> CollectLogs(StepInput<CollectLogsRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await environments.CollectLogsAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    private async Task<string> RollbackAsync(CompensationInput<DeployRequest, DeployResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rollback = (await environments.RollbackAsync(input.IdempotencyKey, new RollbackRequest(input.StepKey), ct)).Undone($"roll back {input.StepData.Environment}");
        return rollback.NothingToUndo
            ? $"nothing to roll back in {input.StepData.Environment}"
            : $"{rollback.Status} {rollback.Environment} to {rollback.RestoredVersion ?? "(none)"}";
    }
}
