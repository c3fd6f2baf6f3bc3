namespace SagaFunctions.Kernel;

/// <summary>How one step ended after its retries.</summary>
internal sealed record StepAttempt<T>(StepAttemptKind Kind, T? Value, string Code, string Message)
{
    public static StepAttempt<T> Succeeded(T? value) => new(StepAttemptKind.Succeeded, value, string.Empty, string.Empty);
}

internal enum StepAttemptKind
{
    Succeeded,

    /// <summary>A business rejection: nothing happened, nothing to undo for this step.</summary>
    Rejected,

    /// <summary>Retries exhausted: the effect may have happened.</summary>
    InDoubt,

    /// <summary>A retry wait lost to the cancel event or the saga deadline: the effect may have happened.</summary>
    Interrupted,
}
