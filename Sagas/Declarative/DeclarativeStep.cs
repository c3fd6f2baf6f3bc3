namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// One step of a declarative saga: exactly one of <see cref="Call"/> (a participant operation), <see cref="Parallel"/>
/// (a group of call steps run concurrently) or <see cref="Wait"/> (an external event raced against a timer).
/// </summary>
/// <param name="Name">Unique in the saga; names the step in the timeline, in idempotency keys and in <c>${steps.name}</c>.</param>
/// <param name="Call">The participant operation the step performs.</param>
/// <param name="Compensation">The operation that undoes it (required unless the step is not <see cref="Compensable"/>).</param>
/// <param name="Compensable">Whether the step has an effect to undo; false for notifications and for the pivot.</param>
/// <param name="Retry">Overrides the kernel's step retry policy.</param>
/// <param name="TimeoutSeconds">The time one attempt of the call may take; a timeout is a technical failure (retried).</param>
/// <param name="NonCritical">A failure is a warning and the saga continues (e.g. a confirmation e-mail).</param>
/// <param name="Pivot">The point of no return: later failures are retried forward, never compensated.</param>
/// <param name="Parallel">The branches of a parallel group (call steps only).</param>
/// <param name="Wait">The event the step waits for.</param>
public sealed record DeclarativeStep(
    string Name,
    ParticipantCallSpec? Call = null,
    ParticipantCallSpec? Compensation = null,
    bool Compensable = false,
    RetrySpec? Retry = null,
    double? TimeoutSeconds = null,
    bool NonCritical = false,
    bool Pivot = false,
    IReadOnlyList<DeclarativeStep>? Parallel = null,
    WaitSpec? Wait = null)
{
    /// <summary>True when the file says <c>compensable</c> explicitly (the validator then holds it to it).</summary>
    public bool CompensableDeclared { get; init; }
}
