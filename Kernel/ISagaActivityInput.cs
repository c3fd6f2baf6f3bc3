namespace SagaFunctions.Kernel;

/// <summary>The input of a step or compensation activity, as tracing reads it: the key of the step it runs or undoes, and its kind.</summary>
public interface ISagaActivityInput
{
    /// <summary>The step's idempotency key, <c>{instanceId}:{stepName}</c> (a compensation's is the undone step's).</summary>
    string StepKey { get; }

    /// <summary>True for a compensation's input.</summary>
    bool IsCompensation { get; }
}
