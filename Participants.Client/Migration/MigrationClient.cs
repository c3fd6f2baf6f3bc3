namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the data-migration participant (<c>/participants/migration</c>).</summary>
public sealed class MigrationClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Turns dual-write on or off (off is the compensation of on).</summary>
    public Task<ParticipantResult<DualWriteResponse>> SetDualWriteAsync(string idempotencyKey, DualWriteRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<DualWriteRequest, DualWriteResponse>("participants/migration/dual-write", idempotencyKey, request, cancellationToken);

    /// <summary>Migrates one batch; idempotent per migration and batch number; rejection: <c>dual_write_disabled</c>.</summary>
    public Task<ParticipantResult<MigrateBatchResponse>> MigrateBatchAsync(string idempotencyKey, MigrateBatchRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<MigrateBatchRequest, MigrateBatchResponse>("participants/migration/batch", idempotencyKey, request, cancellationToken);

    /// <summary>Verifies consistency; rejection: <c>verification_failed</c>.</summary>
    public Task<ParticipantResult<VerifyMigrationResponse>> VerifyAsync(string idempotencyKey, VerifyMigrationRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<VerifyMigrationRequest, VerifyMigrationResponse>("participants/migration/verify", idempotencyKey, request, cancellationToken);

    /// <summary>Switches traffic to the new system (the pivot); rejection: <c>not_verified</c>.</summary>
    public Task<ParticipantResult<SwitchTrafficResponse>> SwitchTrafficAsync(string idempotencyKey, SwitchTrafficRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<SwitchTrafficRequest, SwitchTrafficResponse>("participants/migration/switch", idempotencyKey, request, cancellationToken);

    /// <summary>Turns the old system off; rejection: <c>not_switched</c>.</summary>
    public Task<ParticipantResult<DecommissionResponse>> DecommissionAsync(string idempotencyKey, DecommissionRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<DecommissionRequest, DecommissionResponse>("participants/migration/decommission", idempotencyKey, request, cancellationToken);

    /// <summary>The migration's progress, or null when unknown.</summary>
    public Task<MigrationProgress?> GetProgressAsync(string migrationId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<MigrationProgress>("participants/migration/" + Uri.EscapeDataString(migrationId), cancellationToken);
}
