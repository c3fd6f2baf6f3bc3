namespace SagaFunctions.Sagas.DeadLetters;

/// <summary>Input of <see cref="DeadLetterActivities.CompleteDeadLetterRetry"/>: how the retry of a dead letter ended.</summary>
public sealed record DeadLetterRetryCompletion(string Id, bool Succeeded, string? Error, string RetryInstanceId, DateTime At);
