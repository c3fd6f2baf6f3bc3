using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// Migration outcome: <c>completed</c>, <c>migration_failed</c>, <c>verification_failed</c>,
/// <c>manual_intervention_required</c> or <c>cancelled</c>.
/// </summary>
public sealed record MigrationResult : SagaResult
{
    public required string MigrationId { get; init; }

    public int BatchesCompleted { get; init; }

    public long RecordsMigrated { get; init; }

    public bool? Consistent { get; init; }

    /// <summary>Where traffic goes: <c>old</c> or <c>new</c>.</summary>
    public string Traffic { get; init; } = "old";

    public bool OldSystemEnabled { get; init; } = true;
}
