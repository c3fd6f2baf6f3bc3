using System.Net;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// <see cref="IDeadLetterStore"/> on an Azure Table (PartitionKey = saga name, RowKey = record id). The table is created
/// on first use. Ids are unique across sagas (<c>{instanceId}:{stepName}</c>), so lookups by id query the RowKey.
/// </summary>
public sealed class TableDeadLetterStore(TableClient table) : IDeadLetterStore
{
    private volatile bool tableReady;

    /// <summary>Idempotent: adding an id that is already stored (HTTP 409 from the service) keeps the first record.</summary>
    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var entity = DeadLetterEntity.FromRecord(deadLetter);
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Already dead-lettered (a replayed or retried activity): the first record stays.
        }
    }

    public async Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await FindAsync(id, cancellationToken))?.ToEntry();

    /// <summary>All entries, or those in <paramref name="status"/>, oldest failure first.</summary>
    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var filter = status is { } wanted
            ? TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}")
            : null;
        var entries = new List<DeadLetterEntry>();
        await foreach (var entity in table.QueryAsync<DeadLetterEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entity.ToEntry());
        }

        return [.. entries.OrderBy(e => e.Record.FirstFailureAt).ThenBy(e => e.Record.Id, StringComparer.Ordinal)];
    }

    /// <summary>Replaces the stored review state (last writer wins, as in the SQLite store); false when the id is unknown.</summary>
    public async Task<bool> UpdateAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = await FindAsync(entry.Record.Id, cancellationToken);
        if (entity is null)
        {
            return false;
        }

        entity.ApplyState(entry);
        try
        {
            await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<DeadLetterEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await EnsureTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.EscapeKey(id)}");
        await foreach (var entity in table.QueryAsync<DeadLetterEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return entity;
        }

        return null;
    }

    /// <summary>Creates the table once per process; concurrent first calls may both ask, which the service tolerates.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableReady)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableReady = true;
        }
    }
}
