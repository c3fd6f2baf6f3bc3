using System.Net;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.Http.Audit;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary><see cref="IAuditLog"/> on an Azure Table (rows: <see cref="AuditEntity"/>). The table is created on first use.</summary>
public sealed class TableAuditLog(TableClient table) : IAuditLog
{
    public const string DefaultTableName = "SagaAudit";

    private volatile bool _tableReady;

    /// <summary>Idempotent: an entry whose row already exists (409) keeps the first.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(AuditEntity.From(entry), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Already recorded.
        }
    }

    /// <summary>The filters go to the service; rows come newest first (RowKey order), so the first <c>Limit</c> are the answer.</summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureTableAsync(cancellationToken);
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {AuditEntity.Partition}") };
        if (query.Action is { } action)
        {
            filters.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        if (query.InstanceId is { } instanceId)
        {
            filters.Add(TableClient.CreateQueryFilter($"InstanceId eq {instanceId}"));
        }

        if (query.DeadLetterId is { } deadLetterId)
        {
            filters.Add(TableClient.CreateQueryFilter($"DeadLetterId eq {deadLetterId}"));
        }

        if (query.From is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"At ge {from.ToUniversalTime()}"));
        }

        if (query.To is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"At lt {to.ToUniversalTime()}"));
        }

        var entries = new List<AuditEntry>();
        await foreach (var entity in table.QueryAsync<AuditEntity>(string.Join(" and ", filters), maxPerPage: Math.Min(query.Limit, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(entity.ToEntry());
            if (entries.Count >= query.Limit)
            {
                break;
            }
        }

        return entries;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }
    }
}
