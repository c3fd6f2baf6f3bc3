using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.Http.Audit;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary>
/// One audit entry as an Azure Table row: all entries in one partition (<see cref="Partition"/>; operator actions are
/// few), RowKey = inverted UTC ticks then the entry id, so the table's own order (RowKey ascending) is newest first.
/// </summary>
public sealed class AuditEntity : ITableEntity
{
    public const string Partition = "audit";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Id { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Action { get; set; } = string.Empty;

    public string? Saga { get; set; }

    public string? InstanceId { get; set; }

    public string? DeadLetterId { get; set; }

    public string? Note { get; set; }

    public string? Caller { get; set; }

    public static AuditEntity From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntity
        {
            RowKey = string.Create(CultureInfo.InvariantCulture, $"{DateTime.MaxValue.Ticks - entry.At.UtcTicks:D19}-{TableKeys.EscapeKey(entry.Id)}"),
            Id = entry.Id,
            At = entry.At.ToUniversalTime(),
            Action = entry.Action,
            Saga = entry.Saga,
            InstanceId = entry.InstanceId,
            DeadLetterId = entry.DeadLetterId,
            Note = entry.Note is { } note ? DeadLetterEntity.Clip(note) : null,
            Caller = entry.Caller,
        };
    }

    public AuditEntry ToEntry() => new(Id, At.ToUniversalTime(), Action, Saga, InstanceId, DeadLetterId, Note, Caller);
}
