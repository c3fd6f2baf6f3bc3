using System.Globalization;
using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// <see cref="IDeadLetterStore"/> on an Azure Table. The table is created on first use.
/// <list type="bullet">
/// <item><b>Keys.</b> PartitionKey = the record id (escaped, <see cref="TableKeys"/>), RowKey = <c>entry</c>: the id alone
/// addresses the record, so the same id under two saga names is one record, and reads and writes are point operations.</item>
/// <item><b>Large inputs.</b> A string property holds at most 32 K characters, an entity at most 1 MiB. An input JSON
/// longer than <see cref="DeadLetterEntity.MaxInlineChars"/> is cut into chunk rows in the record's partition
/// (<c>input-{block}-{n}</c>, <see cref="PartsPerChunk"/> properties of up to 32,000 characters each, never splitting a
/// surrogate pair). The chunks are written first and the entry row last, so the entry row is the commit point: a reader
/// never sees a half-written input, and a writer that loses a duplicate add (409) deletes its own chunks (their block
/// token is its own). A crash between the two leaves chunk rows no entry points at; they are never read.</item>
/// <item><b>Concurrency.</b> Updates are read–change–write with the ETag of the read (<c>If-Match</c>); a 412 means
/// another writer got there first, so the change is applied again to the fresh row. No update is ever lost.</item>
/// </list>
/// </summary>
public sealed class TableDeadLetterStore(TableClient table) : IDeadLetterStore
{
    /// <summary>
    /// String properties per chunk row. An entity is at most 1 MiB, and the size that counts can be the request's (Azurite
    /// measures it so), where the SDK's JSON may escape a character as <c>\uXXXX</c>: 6 bytes. 5 × 32,000 characters × 6
    /// bytes stays under the limit for any text.
    /// </summary>
    public const int PartsPerChunk = 5;

    private const int MaxUpdateAttempts = 100;
    private const string ChunkPrefix = "input-";

    private volatile bool _tableReady;

    /// <summary>Idempotent: adding an id that is already stored (HTTP 409 from the service) keeps the first record.</summary>
    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var entity = DeadLetterEntity.FromRecord(deadLetter);
        await EnsureTableAsync(cancellationToken);
        if (deadLetter.InputJson.Length <= DeadLetterEntity.MaxInlineChars)
        {
            await TryAddEntryAsync(entity, cancellationToken);
            return;
        }

        if ((await table.GetEntityIfExistsAsync<DeadLetterEntity>(entity.PartitionKey, DeadLetterEntity.EntryRowKey, cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }

        var chunks = Chunk(entity.PartitionKey, deadLetter.InputJson);
        entity.InputJson = string.Empty;
        entity.InputBlock = chunks.Block;
        entity.InputChunks = chunks.Rows.Count;
        foreach (var row in chunks.Rows)
        {
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }

        if (!await TryAddEntryAsync(entity, cancellationToken))
        {
            foreach (var row in chunks.Rows)
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
    }

    public async Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(id, cancellationToken);
        return entity is null ? null : entity.ToEntry(await ReadInputAsync(entity, cancellationToken));
    }

    /// <summary>All entries, or those in <paramref name="status"/>, oldest failure first (the query follows every continuation).</summary>
    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var filter = status is { } wanted
            ? TableClient.CreateQueryFilter($"RowKey eq {DeadLetterEntity.EntryRowKey} and Status eq {wanted.ToString()}")
            : TableClient.CreateQueryFilter($"RowKey eq {DeadLetterEntity.EntryRowKey}");
        var entries = new List<DeadLetterEntry>();
        await foreach (var entity in table.QueryAsync<DeadLetterEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entity.ToEntry(await ReadInputAsync(entity, cancellationToken)));
        }

        return [.. entries.OrderBy(e => e.Record.FirstFailureAt).ThenBy(e => e.Record.Id, StringComparer.Ordinal)];
    }

    /// <summary>Read, change, write with <c>If-Match</c> on the ETag read; on 412 read again and re-apply (see the class summary).</summary>
    public async Task<DeadLetterUpdate?> UpdateAsync(string id, Func<DeadLetterEntry, DeadLetterEntry?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        string? input = null;
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var entity = await FindAsync(id, cancellationToken);
            if (entity is null)
            {
                return null;
            }

            input ??= await ReadInputAsync(entity, cancellationToken);
            var current = entity.ToEntry(input);
            if (change(current) is not { } changed)
            {
                return new DeadLetterUpdate(current, Changed: false);
            }

            entity.ApplyState(changed);
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new DeadLetterUpdate(entity.ToEntry(input), Changed: true);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Another writer changed the row since we read it: back off a little (jittered) and apply the change to its state.
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                return null;
            }
        }

        throw new InvalidOperationException(
            $"Dead letter '{id}' could not be updated: {MaxUpdateAttempts} writes in a row lost the race to other writers (HTTP 412).");
    }

    /// <summary>
    /// Deletes resolved entries resolved before <paramref name="resolvedBefore"/>: the entry row first (the commit point;
    /// <c>If-Match</c> on its ETag, so an entry changed since the query stays), then its chunk rows.
    /// </summary>
    public async Task<int> PurgeResolvedAsync(DateTime resolvedBefore, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var before = DateTime.SpecifyKind(resolvedBefore.Kind == DateTimeKind.Local ? resolvedBefore.ToUniversalTime() : resolvedBefore, DateTimeKind.Utc);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey eq {DeadLetterEntity.EntryRowKey} and Status eq {nameof(DeadLetterStatus.Resolved)} and ResolvedAt lt {new DateTimeOffset(before)}");
        var purged = 0;
        await foreach (var entity in table.QueryAsync<DeadLetterEntity>(filter, cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                continue;
            }

            purged++;
            if (entity.InputChunks > 0)
            {
                var prefix = ChunkRowPrefix(entity.InputBlock!);
                var chunks = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {entity.PartitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}");
                await foreach (var row in table.QueryAsync<TableEntity>(chunks, cancellationToken: cancellationToken))
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }

        return purged;
    }

    /// <summary>False when the entry row already exists (409): the first record stays.</summary>
    private async Task<bool> TryAddEntryAsync(DeadLetterEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Already dead-lettered (a replayed or retried activity, or the same id from another saga): the first record stays.
            return false;
        }
    }

    private async Task<DeadLetterEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<DeadLetterEntity>(
            DeadLetterEntity.PartitionKeyOf(id), DeadLetterEntity.EntryRowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The input put back together from its chunk rows; null when it is inline.</summary>
    private async Task<string?> ReadInputAsync(DeadLetterEntity entity, CancellationToken cancellationToken)
    {
        if (entity.InputChunks == 0)
        {
            return null;
        }

        var prefix = ChunkRowPrefix(entity.InputBlock!);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {entity.PartitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}");
        var input = new StringBuilder(entity.InputLength);
        var rows = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows++;
            for (var part = 0; part < PartsPerChunk && row.GetString(PartName(part)) is { } text; part++)
            {
                input.Append(text);
            }
        }

        return rows == entity.InputChunks && input.Length == entity.InputLength
            ? input.ToString()
            : throw new InvalidOperationException(
                $"Dead letter '{entity.Id}': its input should be {entity.InputLength} characters in {entity.InputChunks} chunk rows, " +
                $"but {rows} rows with {input.Length} characters were found.");
    }

    private static (string Block, List<TableEntity> Rows) Chunk(string partitionKey, string input)
    {
        var block = Guid.NewGuid().ToString("N");
        var rows = new List<TableEntity>();
        var position = 0;
        while (position < input.Length)
        {
            var row = new TableEntity(partitionKey, ChunkRowPrefix(block) + rows.Count.ToString("D5", CultureInfo.InvariantCulture));
            for (var part = 0; part < PartsPerChunk && position < input.Length; part++)
            {
                var length = Math.Min(DeadLetterEntity.MaxInlineChars, input.Length - position);
                if (position + length < input.Length && char.IsHighSurrogate(input[position + length - 1]))
                {
                    length--; // keep a surrogate pair in one property
                }

                row[PartName(part)] = input.Substring(position, length);
                position += length;
            }

            rows.Add(row);
        }

        return (block, rows);
    }

    private static string ChunkRowPrefix(string block) => $"{ChunkPrefix}{block}-";

    private static string PartName(int part) => "Part" + part.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Creates the table once per process; concurrent first calls may both ask, which the service tolerates.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }
    }
}
