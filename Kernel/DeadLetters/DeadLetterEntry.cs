namespace SagaFunctions.Kernel.DeadLetters;

/// <summary>A stored dead letter with its review state.</summary>
public sealed record DeadLetterEntry(
    DeadLetter Record,
    DeadLetterStatus Status,
    int RetryCount,
    string? LastRetryInstanceId,
    string? LastRetryError,
    DateTime? ResolvedAt,
    string? Resolution)
{
    /// <summary>When the entry, open longer than its SLA, was escalated to an operator (once); null until then.</summary>
    public DateTime? EscalatedAt { get; init; }
}
