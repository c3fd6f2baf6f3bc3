namespace SagaFunctions.Kernel;

/// <summary>
/// A retry in progress, published while a step or compensation waits for its next attempt: <see cref="Attempt"/> attempts
/// of <see cref="MaxAttempts"/> have been made, the last one failed with <see cref="ErrorCode"/>/<see cref="ErrorMessage"/>,
/// and the next one starts at <see cref="NextAttemptAt"/> (the context's clock). Cleared when the step settles.
/// </summary>
/// <param name="Kind"><c>step</c> or <c>compensation</c>.</param>
public sealed record StepRetry(
    string Step,
    string Kind,
    int Attempt,
    int MaxAttempts,
    string ErrorCode,
    string ErrorMessage,
    DateTime NextAttemptAt);
