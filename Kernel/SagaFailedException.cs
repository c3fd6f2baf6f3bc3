namespace SagaFunctions.Kernel;

/// <summary>
/// Thrown by the saga's step, wait and parallel methods when the saga cannot go forward. The saga catches it and calls
/// <see cref="Saga.CompensateAsync(SagaFailure)"/>.
/// </summary>
public sealed class SagaFailedException : Exception
{
    public SagaFailedException(SagaFailure failure)
        : base($"{failure.Kind} at step '{failure.Step ?? "-"}': {failure.Code}: {failure.Message}")
    {
        Failure = failure;
    }

    public SagaFailure Failure { get; }
}
