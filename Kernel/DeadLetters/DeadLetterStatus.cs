namespace SagaFunctions.Kernel.DeadLetters;

public enum DeadLetterStatus
{
    /// <summary>Waiting for review.</summary>
    Open,

    /// <summary>A retry orchestration is running.</summary>
    Retrying,

    /// <summary>The retry failed again; still needs attention.</summary>
    RetryFailed,

    /// <summary>Compensated by a retry, or closed by an operator.</summary>
    Resolved,
}
