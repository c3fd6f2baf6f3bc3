namespace SagaFunctions.Kernel;

/// <summary>
/// A compensation on the stack: the step it undoes, that step's idempotency key, data and result
/// (null when the step is in doubt).
/// </summary>
internal sealed record PendingCompensation(
    string StepName,
    string StepKey,
    string Activity,
    object? StepData,
    object? StepResult,
    bool StepWasInDoubt);
