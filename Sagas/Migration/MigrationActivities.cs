using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Migration;

/// <summary>The migration saga's steps and compensations against the data-migration participant.</summary>
public sealed class MigrationActivities(MigrationClient migration)
{
    public async Task<StepResult<DualWriteResponse>> EnableDualWrite(StepInput<DualWriteRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await migration.SetDualWriteAsync(input.IdempotencyKey, input.Data with { Enabled = true }, ct)).ToStep();
    }

    public async Task<string> DisableDualWrite(CompensationInput<DualWriteRequest, DualWriteResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var off = (await migration.SetDualWriteAsync(input.IdempotencyKey, input.StepData with { Enabled = false }, ct)).Undone("disable dual-write");
        return $"dual-write {(off.DualWrite ? "still on" : "off")} for {off.MigrationId}";
    }

    public async Task<StepResult<MigrateBatchResponse>> MigrateBatch(StepInput<MigrateBatchRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await migration.MigrateBatchAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<StepResult<VerifyMigrationResponse>> VerifyConsistency(StepInput<VerifyMigrationRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await migration.VerifyAsync(input.IdempotencyKey, input.Data, ct);
        return result.Succeeded && !result.Value.Consistent
            ? StepResult.Reject<VerifyMigrationResponse>(RejectionCodes.VerificationFailed, $"Migrated {result.Value.Migrated} of {result.Value.Expected} records.")
            : result.ToStep();
    }

    public async Task<StepResult<SwitchTrafficResponse>> SwitchTraffic(StepInput<SwitchTrafficRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await migration.SwitchTrafficAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<StepResult<DecommissionResponse>> DecommissionOldSystem(StepInput<DecommissionRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await migration.DecommissionAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }
}
