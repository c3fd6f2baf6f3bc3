using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.DeadLetters;

/// <summary>
/// Where failed compensations wait for manual review and retry. Standalone: SQLite. FunctionApp: Azure Table
/// (PartitionKey = saga name, RowKey = record id).
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Adds the record; adding the same id again leaves the first record (idempotent).</summary>
    Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken);

    /// <summary>Replaces the entry's mutable state (status, retry instance, resolution); false when unknown.</summary>
    Task<bool> UpdateAsync(DeadLetterEntry entry, CancellationToken cancellationToken);
}
