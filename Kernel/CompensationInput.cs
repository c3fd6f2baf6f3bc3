namespace SagaFunctions.Kernel;

/// <summary>
/// What every compensation activity receives. <see cref="StepKey"/> is the idempotency key of the step being
/// undone, so the participant can find the original operation even when <see cref="StepResult"/> is null
/// (the step is in doubt: it exhausted its retries and its effect may or may not have happened).
/// Undoing an operation that never happened must be a harmless no-op.
/// </summary>
public sealed record CompensationInput<TInput, TResult>(
    string IdempotencyKey,
    string StepKey,
    TInput StepData,
    TResult? StepResult) : ISagaActivityInput
{
    bool ISagaActivityInput.IsCompensation => true;
}
