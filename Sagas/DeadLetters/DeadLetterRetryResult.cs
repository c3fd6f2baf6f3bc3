namespace SagaFunctions.Sagas.DeadLetters;

/// <summary>
/// Output of <see cref="RetryDeadLetter"/>. <see cref="Status"/>: <c>resolved</c> (the compensation ran),
/// <c>retry_failed</c> (it failed again; still open for review), <c>not_found</c> or <c>already_resolved</c>.
/// </summary>
public sealed record DeadLetterRetryResult(string Id, string Status, string? Error)
{
    public const string Resolved = "resolved";

    public const string RetryFailed = "retry_failed";

    public const string NotFound = "not_found";

    public const string AlreadyResolved = "already_resolved";
}
