namespace SagaFunctions.Kernel;

/// <summary>
/// What stopped a saga: the kind, the step, and a code (the rejection code, or the failure's error type) and message.
/// </summary>
public sealed record SagaFailure(SagaFailureKind Kind, string? Step, string Code, string Message)
{
    /// <summary>True when a participant rejected <see cref="Step"/> with <paramref name="code"/>.</summary>
    public bool IsRejection(string code) => Kind == SagaFailureKind.Rejected && Code == code;

    /// <summary>True when <paramref name="step"/> is the step that failed, whatever the kind.</summary>
    public bool IsAt(string step) => Step == step;
}
