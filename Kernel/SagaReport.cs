namespace SagaFunctions.Kernel;

/// <summary>How a saga ended after a failure: the final phase, each compensation, and the dead letters written.</summary>
public sealed record SagaReport(
    SagaPhase Outcome,
    SagaFailure Failure,
    IReadOnlyList<CompensationRecord> Compensations,
    IReadOnlyList<DeadLetter> DeadLetters)
{
    /// <summary>True when a compensation could not be completed and an operator must look at the dead letters.</summary>
    public bool NeedsAttention => Outcome is SagaPhase.CompensationFailed or SagaPhase.ManualInterventionRequired;
}
