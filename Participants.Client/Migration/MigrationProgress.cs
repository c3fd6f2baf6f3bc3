namespace SagaFunctions.Participants.Client;

/// <summary>
/// Progress of one migration. <see cref="BatchExecutions"/> counts batch effects actually applied: it equals
/// <see cref="BatchesCompleted"/> unless a batch ran twice (it never should).
/// </summary>
public sealed record MigrationProgress(
    string MigrationId,
    string ServiceId,
    bool DualWrite,
    int BatchesCompleted,
    long RecordsMigrated,
    long BatchExecutions,
    bool? Consistent,
    string Traffic,
    bool OldSystemEnabled,
    IReadOnlyList<MigrationBatchView> Batches);
