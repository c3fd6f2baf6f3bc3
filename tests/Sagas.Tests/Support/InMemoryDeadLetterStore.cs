using System.Collections.Concurrent;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>A dictionary-backed <see cref="IDeadLetterStore"/> with the store contract (first record wins, compare-and-swap updates).</summary>
internal sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly ConcurrentDictionary<string, DeadLetterEntry> _entries = new(StringComparer.Ordinal);

    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        _entries.TryAdd(deadLetter.Id, new DeadLetterEntry(deadLetter, DeadLetterStatus.Open, 0, null, null, null, null));
        return Task.CompletedTask;
    }

    public Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(id, out var entry) ? entry : null);

    public Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetterEntry>>([.. _entries.Values.Where(e => status is null || e.Status == status)]);

    public Task<DeadLetterUpdate?> UpdateAsync(string id, Func<DeadLetterEntry, DeadLetterEntry?> change, CancellationToken cancellationToken)
    {
        while (_entries.TryGetValue(id, out var current))
        {
            if (change(current) is not { } updated)
            {
                return Task.FromResult<DeadLetterUpdate?>(new DeadLetterUpdate(current, Changed: false));
            }

            updated = updated with { Record = current.Record };
            if (_entries.TryUpdate(id, updated, current))
            {
                return Task.FromResult<DeadLetterUpdate?>(new DeadLetterUpdate(updated, Changed: true));
            }
        }

        return Task.FromResult<DeadLetterUpdate?>(null);
    }

    public Task<int> PurgeResolvedAsync(DateTime resolvedBefore, CancellationToken cancellationToken)
    {
        var purged = _entries.Values
            .Where(e => e.Status == DeadLetterStatus.Resolved && e.ResolvedAt < resolvedBefore)
            .Count(e => _entries.TryRemove(new KeyValuePair<string, DeadLetterEntry>(e.Record.Id, e)));
        return Task.FromResult(purged);
    }
}
