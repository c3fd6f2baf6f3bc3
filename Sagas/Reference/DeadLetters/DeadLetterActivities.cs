using SagaFunctions.Kernel;

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
        var entry = await store.GetAsync(id, ct);
        if (entry is null || entry.Status == DeadLetterStatus.Resolved)
        {
            return entry;
        }

        var retrying = entry with { Status = DeadLetterStatus.Retrying };
        return await store.UpdateAsync(retrying, ct) ? retrying : null;
    }

    /// <summary>Marks the entry <see cref="DeadLetterStatus.Resolved"/> or <see cref="DeadLetterStatus.RetryFailed"/>; false when unknown.</summary>
    public async Task<bool> CompleteDeadLetterRetry(DeadLetterRetryCompletion completion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var entry = await store.GetAsync(completion.Id, ct);
        if (entry is null)
        {
            return false;
        }

        var updated = entry with
        {
            Status = completion.Succeeded ? DeadLetterStatus.Resolved : DeadLetterStatus.RetryFailed,
            RetryCount = entry.RetryCount + 1,
            LastRetryInstanceId = completion.RetryInstanceId,
            LastRetryError = completion.Succeeded ? null : completion.Error,
            ResolvedAt = completion.Succeeded ? completion.At : entry.ResolvedAt,
            Resolution = completion.Succeeded ? $"compensated by retry {completion.RetryInstanceId}" : entry.Resolution,
        };
        return await store.UpdateAsync(updated, ct);
    }
}
