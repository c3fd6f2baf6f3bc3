namespace SagaFunctions.Kernel.DeadLetters;

/// <summary>
/// Where failed compensations wait for manual review and retry. Standalone: SQLite. FunctionApp: Azure Table (keyed by
/// the record id alone). Every store passes the same contract suite (tests/FunctionApp.Tests/Storage).
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>
    /// Adds the record; adding the same id again, under any saga name, leaves the first record (idempotent: one id is
    /// one record). Any input size is kept whole.
    /// </summary>
    Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every entry (or those in <paramref name="status"/>), oldest failure first; the store follows its own paging to the end.</summary>
    Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the entry's review state (status, retry count and instance, resolution) atomically: <paramref name="change"/>
    /// gets the stored entry and returns its new state, or null to leave it as it is. The write is conditional on the
    /// entry not having changed since it was read (optimistic concurrency); a write that lost the race re-reads and calls
    /// <paramref name="change"/> again, so concurrent writers never lose an update. <paramref name="change"/> must
    /// therefore be a pure function of its argument. The failure record itself is never rewritten.
    /// Returns null when the id is unknown.
    /// </summary>
    Task<DeadLetterUpdate?> UpdateAsync(string id, Func<DeadLetterEntry, DeadLetterEntry?> change, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the resolved entries whose resolution is older than <paramref name="resolvedBefore"/> (retention); entries
    /// that are not resolved are never deleted. Returns how many were deleted.
    /// </summary>
    Task<int> PurgeResolvedAsync(DateTime resolvedBefore, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IDeadLetterStore.UpdateAsync"/>: the entry as stored now, and whether this call changed it.</summary>
public sealed record DeadLetterUpdate(DeadLetterEntry Entry, bool Changed);
