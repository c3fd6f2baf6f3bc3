using System.Collections.Concurrent;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>A dictionary-backed <see cref="IDeadLetterStore"/> with the store contract (first record wins, compare-and-swap updates).</summary>
internal sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly ConcurrentDictionary<string, DeadLetterEntry> entries = new(StringComparer.Ordinal);

    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        entries.TryAdd(deadLetter.Id, new DeadLetterEntry(deadLetter, DeadLetterStatus.Open, 0, null, null, null, null));
        return Task.CompletedTask;
    }

    public Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(entries.TryGetValue(id, out var entry) ? entry : null);

    public Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetterEntry>>([.. entries.Values.Where(e => status is null || e.Status == status)]);

    public Task<DeadLetterUpdate?> UpdateAsync(string id, Func<DeadLetterEntry, DeadLetterEntry?> change, CancellationToken cancellationToken)
    {
        while (entries.TryGetValue(id, out var current))
        {
            if (change(current) is not { } updated)
            {
                return Task.FromResult<DeadLetterUpdate?>(new DeadLetterUpdate(current, Changed: false));
            }

            updated = updated with { Record = current.Record };
            if (entries.TryUpdate(id, updated, current))
            {
                return Task.FromResult<DeadLetterUpdate?>(new DeadLetterUpdate(updated, Changed: true));
            }
        }

        return Task.FromResult<DeadLetterUpdate?>(null);
    }

    public Task<int> PurgeResolvedAsync(DateTime resolvedBefore, CancellationToken cancellationToken)
    {
        var purged = entries.Values
            .Where(e => e.Status == DeadLetterStatus.Resolved && e.ResolvedAt < resolvedBefore)
            .Count(e => entries.TryRemove(new KeyValuePair<string, DeadLetterEntry>(e.Record.Id, e)));
        return Task.FromResult(purged);
    }
}
