using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Migration;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="MigrationActivities"/> method (same name), each a one-line call.</summary>
public sealed class MigrationActivityFunctions(MigrationActivities activities)
{
    [Function(nameof(MigrationActivities.EnableDualWrite))]
    public Task<StepResult<DualWriteResponse>> EnableDualWrite([ActivityTrigger] StepInput<DualWriteRequest> input, CancellationToken cancellationToken) =>
        activities.EnableDualWrite(input, cancellationToken);

    [Function(nameof(MigrationActivities.DisableDualWrite))]
    public Task<string> DisableDualWrite([ActivityTrigger] CompensationInput<DualWriteRequest, DualWriteResponse> input, CancellationToken cancellationToken) =>
        activities.DisableDualWrite(input, cancellationToken);

    [Function(nameof(MigrationActivities.MigrateBatch))]
    public Task<StepResult<MigrateBatchResponse>> MigrateBatch([ActivityTrigger] StepInput<MigrateBatchRequest> input, CancellationToken cancellationToken) =>
        activities.MigrateBatch(input, cancellationToken);

    [Function(nameof(MigrationActivities.VerifyConsistency))]
    public Task<StepResult<VerifyMigrationResponse>> VerifyConsistency([ActivityTrigger] StepInput<VerifyMigrationRequest> input, CancellationToken cancellationToken) =>
        activities.VerifyConsistency(input, cancellationToken);

    [Function(nameof(MigrationActivities.SwitchTraffic))]
    public Task<StepResult<SwitchTrafficResponse>> SwitchTraffic([ActivityTrigger] StepInput<SwitchTrafficRequest> input, CancellationToken cancellationToken) =>
        activities.SwitchTraffic(input, cancellationToken);

    [Function(nameof(MigrationActivities.DecommissionOldSystem))]
    public Task<StepResult<DecommissionResponse>> DecommissionOldSystem([ActivityTrigger] StepInput<DecommissionRequest> input, CancellationToken cancellationToken) =>
        activities.DecommissionOldSystem(input, cancellationToken);
}
