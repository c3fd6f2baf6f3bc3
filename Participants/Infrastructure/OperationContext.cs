using Microsoft.Data.Sqlite;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>What an operation's logic gets: its open transaction, its idempotency key and the current time.</summary>
internal sealed record OperationContext(SqliteTransaction Transaction, string IdempotencyKey, DateTimeOffset Now)
{
    /// <inheritdoc cref="IdempotencyStore.Tombstone"/>
    public void Tombstone(string operation, string key, string compensatedBy) =>
        IdempotencyStore.Tombstone(Transaction, operation, key, compensatedBy, Now);
}
