using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Common;

/// <summary>
/// What every reference saga returns (docs/architecture.md, "HTTP contract"): <see cref="Status"/> is the saga's outcome string (e.g.
/// <c>completed</c>, <c>insufficient_funds</c>, <c>cancelled</c>); the rest is filled from <see cref="SagaEnd"/>.
/// Each saga's result adds the ids its seed names.
/// </summary>
public abstract record SagaResult
{
    public required string Status { get; init; }

    /// <summary>
    /// The kernel's final phase: Completed, Compensated, CompensationFailed (a dead letter needs attention), Cancelled
    /// or ManualInterventionRequired. <see cref="Status"/> is the business outcome; this says how the saga ended.
    /// </summary>
    public SagaPhase Phase { get; init; }

    public IReadOnlyList<CompensationRecord> Compensations { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public SagaFailure? Error { get; init; }

    /// <summary>Ids of the dead letters written for compensations that exhausted their retries.</summary>
    public IReadOnlyList<string> DeadLetters { get; init; } = [];
}
