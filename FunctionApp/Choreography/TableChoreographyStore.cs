using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.Http.Choreography;
using SagaFunctions.Kernel.Choreography;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>
/// The choreographies in one Azure Table, a partition per choreography (PartitionKey = its escaped id, <see cref="TableKeys"/>):
/// <list type="bullet">
/// <item><c>choreography</c>: name, status, created time and the next event number;</item>
/// <item><c>event-000001</c> ...: the event trail, in order;</item>
/// <item><c>consumed-{messageId}</c>: a message that was handled (or poisoned), so a redelivery is not handled twice;</item>
/// <item><c>outbox-{messageId}</c>: a next message, written with the step's outcome and deleted once it is on its queue;</item>
/// <item><c>failure-{messageId}</c>: the last failed delivery's error, which the poison handler records in the trail;</item>
/// <item><c>poisoned-{messageId}</c>: the body of a message the host gave up on, kept for review.</item>
/// </list>
/// Consuming a message is one entity-group transaction in the partition: the consumed row (an insert, so of two
/// deliveries one wins), the status row (If-Match on its ETag), the events and the outbox rows. A crash after it loses
/// nothing: the message is redelivered, found consumed, and its outbox is published again. Messages that cannot be read,
/// or whose choreography does not exist, are kept in the partition <see cref="UnreadablePartition"/>.
/// </summary>
public sealed class TableChoreographyStore(TableClient table, ChoreographyQueues queues, TimeProvider time)
{
    public const string DefaultTableName = "SagaChoreographies";

    /// <summary>'~' is escaped in every key made from an id (<see cref="TableKeys.EscapeKey"/>), so no choreography has this partition.</summary>
    public const string UnreadablePartition = "~unreadable";

    private const string StatusRow = "choreography";
    private const string EventPrefix = "event-";
    private const string ConsumedPrefix = "consumed-";
    private const string OutboxPrefix = "outbox-";
    private const string FailurePrefix = "failure-";
    private const string PoisonedPrefix = "poisoned-";
    private const int MaxText = 30_000;
    private const int MaxConcurrencyRetries = 20;

    private volatile bool _tableReady;

    /// <summary>Records a new choreography with its first events and messages and publishes the messages.</summary>
    public async Task StartAsync(string id, string name, ChoreographyOutcome first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.EscapeKey(id);
        var status = new TableEntity(partition, StatusRow)
        {
            ["Name"] = name,
            ["Status"] = first.FinalStatus ?? OrderChoreography.Running,
            ["CreatedAt"] = time.GetUtcNow(),
            ["NextEvent"] = 1 + first.Events.Count,
        };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, status) };
        actions.AddRange(Changes(partition, 1, first));
        await table.SubmitTransactionAsync(actions, cancellationToken);
        await PublishOutboxAsync(partition, cancellationToken);
    }

    /// <summary>
    /// What would stop <paramref name="message"/> from being handled: <see cref="ConsumeResult.NoChoreography"/> (nothing
    /// may be done for a choreography that does not exist), <see cref="ConsumeResult.Duplicate"/> (consumed already; its
    /// outbox, if a crash left any, is published again), or null: handle it.
    /// </summary>
    public async Task<ConsumeResult?> ObstacleAsync(ChoreographyMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.EscapeKey(message.ChoreographyId);
        if (!(await table.GetEntityIfExistsAsync<TableEntity>(partition, StatusRow, [], cancellationToken)).HasValue)
        {
            return ConsumeResult.NoChoreography;
        }

        if (!(await table.GetEntityIfExistsAsync<TableEntity>(partition, ConsumedPrefix + TableKeys.EscapeKey(message.MessageId), [], cancellationToken)).HasValue)
        {
            return null;
        }

        await PublishOutboxAsync(partition, cancellationToken);
        return ConsumeResult.Duplicate;
    }

    /// <summary>
    /// Consumes <paramref name="message"/> with what handling it produced (trail events, next messages, final status) in
    /// one transaction, then publishes the next messages. <see cref="ConsumeResult.Duplicate"/>: another delivery consumed
    /// it first (its outcome stands); <see cref="ConsumeResult.NoChoreography"/>: there is no such choreography.
    /// </summary>
    public async Task<ConsumeResult> ConsumeAsync(ChoreographyMessage message, ChoreographyOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(outcome);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.EscapeKey(message.ChoreographyId);
        for (var attempt = 0; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, StatusRow, [], cancellationToken);
            if (!current.HasValue)
            {
                return ConsumeResult.NoChoreography;
            }

            var status = current.Value!;
            var next = status.GetInt32("NextEvent") ?? 1;
            var update = new TableEntity(partition, StatusRow) { ETag = status.ETag, ["NextEvent"] = next + outcome.Events.Count };
            if (outcome.FinalStatus is { } final)
            {
                update["Status"] = final;
            }

            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, ConsumedPrefix + TableKeys.EscapeKey(message.MessageId))
                {
                    ["MessageId"] = message.MessageId,
                    ["Topic"] = message.Topic,
                    ["At"] = time.GetUtcNow(),
                }),
                new(TableTransactionActionType.UpdateMerge, update, status.ETag),
                .. Changes(partition, next, outcome),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                break;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status == (int)HttpStatusCode.Conflict)
            {
                await PublishOutboxAsync(partition, cancellationToken);
                return ConsumeResult.Duplicate;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed && attempt < MaxConcurrencyRetries)
            {
                // Another message of this choreography moved the status row (a duplicate of a message being compensated,
                // say): read it again and retry; the consumed row decides which delivery wins.
            }
        }

        await PublishOutboxAsync(partition, cancellationToken);
        return ConsumeResult.Consumed;
    }

    /// <summary>Remembers a failed delivery's error, for the trail entry if the host poisons the message.</summary>
    public async Task RecordFailureAsync(string? choreographyId, string deliveryKey, long dequeueCount, string error, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(PartitionOf(choreographyId), FailurePrefix + TableKeys.EscapeKey(deliveryKey))
        {
            ["DequeueCount"] = dequeueCount,
            ["Error"] = Cut(error),
            ["At"] = time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The last failed delivery's error, or null.</summary>
    public async Task<string?> LastFailureAsync(string? choreographyId, string deliveryKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(choreographyId), FailurePrefix + TableKeys.EscapeKey(deliveryKey), [], cancellationToken);
        return row.HasValue ? row.Value!.GetString("Error") : null;
    }

    /// <summary>Keeps the body of a poisoned message (in its choreography's partition, or <see cref="UnreadablePartition"/>).</summary>
    public async Task KeepPoisonedAsync(string? choreographyId, string deliveryKey, string queue, string body, string reason, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(PartitionOf(choreographyId), PoisonedPrefix + TableKeys.EscapeKey(deliveryKey))
        {
            ["Queue"] = queue,
            ["Body"] = Cut(body),
            ["Reason"] = Cut(reason),
            ["At"] = time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The poisoned messages kept for review: of one choreography, or (null) those that could not be read or matched.</summary>
    public async Task<IReadOnlyList<PoisonedMessage>> PoisonedAsync(string? choreographyId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = PartitionOf(choreographyId);
        var list = new List<PoisonedMessage>();
        await foreach (var row in RowsAsync(partition, PoisonedPrefix, cancellationToken))
        {
            list.Add(new PoisonedMessage(row.GetString("Queue"), row.GetString("Body"), row.GetString("Reason")));
        }

        return list;
    }

    /// <summary>The choreography's name, status and trail, or null when unknown.</summary>
    public async Task<ChoreographyTrail?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.EscapeKey(id);
        var status = await table.GetEntityIfExistsAsync<TableEntity>(partition, StatusRow, [], cancellationToken);
        if (!status.HasValue)
        {
            return null;
        }

        var events = new List<ChoreographyEvent>();
        await foreach (var row in RowsAsync(partition, EventPrefix, cancellationToken))
        {
            var data = row.GetString("Data");
            events.Add(new ChoreographyEvent(
                row.GetString("Type"),
                row.GetString("Service"),
                row.GetDateTimeOffset("At")!.Value,
                data is null ? null : JsonDocument.Parse(data).RootElement.Clone()));
        }

        return new ChoreographyTrail(status.Value!.GetString("Name"), status.Value.GetString("Status"), events);
    }

    /// <summary>A stable key of a delivery: the message id, or for a body that is no message a hash of it.</summary>
    public static string DeliveryKey(ChoreographyMessage? message, string body) =>
        message?.MessageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    private IEnumerable<TableTransactionAction> Changes(string partition, int firstEvent, ChoreographyOutcome outcome)
    {
        var number = firstEvent;
        foreach (var evt in outcome.Events)
        {
            yield return new(TableTransactionActionType.Add, new TableEntity(partition, EventPrefix + number++.ToString("D6", CultureInfo.InvariantCulture))
            {
                ["Type"] = evt.Type,
                ["Service"] = evt.Service,
                ["At"] = evt.At,
                ["Data"] = evt.Data?.GetRawText(),
            });
        }

        foreach (var next in outcome.Next)
        {
            // Upsert: a message id is published once per outcome; writing it again changes nothing.
            yield return new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, OutboxPrefix + TableKeys.EscapeKey(next.MessageId))
            {
                ["Body"] = ChoreographyMessageJson.Write(next),
            });
        }
    }

    /// <summary>Sends every outbox row of the partition to its queue, then deletes it (a crash between the two sends it again; consumers deduplicate).</summary>
    private async Task PublishOutboxAsync(string partition, CancellationToken cancellationToken)
    {
        await foreach (var row in RowsAsync(partition, OutboxPrefix, cancellationToken))
        {
            var (message, error) = ChoreographyMessageJson.Read(row.GetString("Body"));
            await queues.SendAsync(message ?? throw new InvalidOperationException($"Outbox row {row.RowKey} of {partition}: {error}"), cancellationToken);
            try
            {
                await table.DeleteEntityAsync(row, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // Another delivery published and deleted it.
            }
        }
    }

    /// <summary>The rows of <paramref name="partition"/> whose RowKey starts with <paramref name="prefix"/>, in key order.</summary>
    private AsyncPageable<TableEntity> RowsAsync(string partition, string prefix, CancellationToken cancellationToken)
    {
        var after = prefix[..^1] + (char)(prefix[^1] + 1); // the smallest key after every key with the prefix
        return table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {after}"),
            cancellationToken: cancellationToken);
    }

    private static string PartitionOf(string? choreographyId) => choreographyId is null ? UnreadablePartition : TableKeys.EscapeKey(choreographyId);

    private static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText];

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_tableReady)
        {
            return;
        }

        await table.CreateIfNotExistsAsync(cancellationToken);
        _tableReady = true;
    }
}
