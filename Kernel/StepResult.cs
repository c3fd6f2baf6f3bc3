namespace SagaFunctions.Kernel;

/// <summary>
/// What every step activity returns. A business rejection (insufficient funds, sold out, over the limit) is
/// data, never an exception, and is never retried. A technical failure is an exception and is retried.
/// Create with <see cref="StepResult.Ok{T}(T)"/> or <see cref="StepResult.Reject{T}(string, string)"/>.
/// </summary>
public sealed record StepResult<T>(T? Value, string? RejectionCode = null, string? RejectionMessage = null) : IStepOutcome
{
    public bool IsRejected => RejectionCode is not null;
}

/// <summary>Factory methods for <see cref="StepResult{T}"/>.</summary>
public static class StepResult
{
    public static StepResult<T> Ok<T>(T value) => new(value);

    public static StepResult<T> Reject<T>(string code, string message) => new(default, code, message);
}
