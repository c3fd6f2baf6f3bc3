using SagaFunctions.Kernel;

using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Sagas.DeadLetters;

/// <summary>The dead-letter activities: recording (called by the kernel) and the bookkeeping of a retry.</summary>
public sealed class DeadLetterActivities(IDeadLetterStore store)
{
    /// <summary>Stores a compensation that exhausted its retries; idempotent on the record's id. Returns the id.</summary>
    public async Task<string> RecordDeadLetter(DeadLetter deadLetter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await store.AddAsync(deadLetter, ct);
        return deadLetter.Id;
    }

    /// <summary>
    /// The entry to retry, marked <see cref="DeadLetterStatus.Retrying"/>; null when unknown. A resolved entry is
    /// returned unchanged (the orchestrator then reports <c>already_resolved</c>).
    /// </summary>
    public async Task<DeadLetterEntry?> BeginDeadLetterRetry(string id, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var update = await store.UpdateAsync(
            id, e => e.Status is DeadLetterStatus.Resolved or DeadLetterStatus.Retrying ? null : e with { Status = DeadLetterStatus.Retrying }, ct);
        return update?.Entry;
    }

    /// <summary>
    /// Counts the retry and marks the entry <see cref="DeadLetterStatus.Resolved"/> or <see cref="DeadLetterStatus.RetryFailed"/>;
    /// false when unknown. See <see cref="Complete"/> for the rules.
    /// </summary>
    public async Task<bool> CompleteDeadLetterRetry(DeadLetterRetryCompletion completion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return await store.UpdateAsync(completion.Id, e => Complete(e, completion), ct) is not null;
    }

    /// <summary>
    /// The entry after <paramref name="completion"/>: the retry is counted, and a resolution stays: a retry that ends
    /// after the entry was resolved (by an operator while it ran, say) is counted but never reopens the entry or replaces
    /// its resolution.
    /// </summary>
    public static DeadLetterEntry Complete(DeadLetterEntry entry, DeadLetterRetryCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(completion);
        if (entry.Status == DeadLetterStatus.Resolved)
        {
            return entry with { RetryCount = entry.RetryCount + 1, LastRetryInstanceId = completion.RetryInstanceId };
        }

        return entry with
        {
            Status = completion.Succeeded ? DeadLetterStatus.Resolved : DeadLetterStatus.RetryFailed,
            RetryCount = entry.RetryCount + 1,
            LastRetryInstanceId = completion.RetryInstanceId,
            LastRetryError = completion.Succeeded ? null : completion.Error,
            ResolvedAt = completion.Succeeded ? completion.At : entry.ResolvedAt,
            Resolution = completion.Succeeded ? $"compensated by retry {completion.RetryInstanceId}" : entry.Resolution,
        };
    }
}
