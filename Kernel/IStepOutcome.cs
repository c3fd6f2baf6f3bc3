namespace SagaFunctions.Kernel;

/// <summary>A step activity's result as tracing reads it: rejected or not.</summary>
public interface IStepOutcome
{
    bool IsRejected { get; }
}
