using System.Collections.Concurrent;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>A dictionary-backed <see cref="IDeadLetterStore"/> with the store contract (first record wins).</summary>
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

    public Task<bool> UpdateAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        if (!entries.ContainsKey(entry.Record.Id))
        {
            return Task.FromResult(false);
        }

        entries[entry.Record.Id] = entry;
        return Task.FromResult(true);
    }
}
