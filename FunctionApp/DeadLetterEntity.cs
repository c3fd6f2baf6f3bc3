using Azure;
using Azure.Data.Tables;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// The Azure Table row of a dead letter: PartitionKey = the record id escaped with <see cref="TableKeys"/> (the id alone
/// decides the row, whatever the saga name), RowKey = <see cref="EntryRowKey"/>. An input longer than
/// <see cref="MaxInlineChars"/> lives in chunk rows of the same partition (<see cref="InputChunks"/> rows named by
/// <see cref="InputBlock"/>), see <see cref="TableDeadLetterStore"/>. A mutable class because Azure.Data.Tables
/// materializes entities through a parameterless constructor and property setters; it never leaves the store.
/// </summary>
public sealed class DeadLetterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Id { get; set; } = string.Empty;

    public string SagaName { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string StepName { get; set; } = string.Empty;

    public string CompensationActivity { get; set; } = string.Empty;

    /// <summary>The input JSON when it fits in one property; empty when it is kept in chunk rows.</summary>
    public string InputJson { get; set; } = string.Empty;

    /// <summary>Length of the input JSON in characters (checked when chunks are put back together).</summary>
    public int InputLength { get; set; }

    /// <summary>How many chunk rows hold the input; 0 when it is inline.</summary>
    public int InputChunks { get; set; }

    /// <summary>The token in the chunk rows' RowKeys (one per write, so a losing duplicate add never touches the winner's chunks).</summary>
    public string? InputBlock { get; set; }

    public string ErrorType { get; set; } = string.Empty;

    public string ErrorMessage { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public DateTime FirstFailureAt { get; set; }

    public DateTime LastFailureAt { get; set; }

    public string Status { get; set; } = nameof(DeadLetterStatus.Open);

    public int RetryCount { get; set; }

    public string? LastRetryInstanceId { get; set; }

    public string? LastRetryError { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? Resolution { get; set; }

    public DateTime? EscalatedAt { get; set; }

    /// <summary>The RowKey of the entry row (chunk rows start with <c>input-</c>).</summary>
    public const string EntryRowKey = "entry";

    /// <summary>
    /// The longest string one property holds: Azure Tables caps a string property at 64 KiB of UTF-16 (32,768
    /// characters); a little is left spare.
    /// </summary>
    public const int MaxInlineChars = 32_000;

    public static string PartitionKeyOf(string id) => TableKeys.EscapeKey(id);

    /// <summary>The entry row of <paramref name="record"/>, its input inline (callers move a long input to chunk rows).</summary>
    public static DeadLetterEntity FromRecord(DeadLetter record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.SagaName);
        return new DeadLetterEntity
        {
            PartitionKey = PartitionKeyOf(record.Id),
            RowKey = EntryRowKey,
            Id = record.Id,
            SagaName = record.SagaName,
            InstanceId = record.InstanceId,
            StepName = record.StepName,
            CompensationActivity = record.CompensationActivity,
            InputJson = record.InputJson,
            InputLength = record.InputJson.Length,
            ErrorType = Clip(record.ErrorType),
            ErrorMessage = Clip(record.ErrorMessage),
            Attempts = record.Attempts,
            FirstFailureAt = AsUtc(record.FirstFailureAt),
            LastFailureAt = AsUtc(record.LastFailureAt),
        };
    }

    /// <summary>Copies the entry's mutable review state; the failure record itself is never rewritten.</summary>
    public void ApplyState(DeadLetterEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Status = entry.Status.ToString();
        RetryCount = entry.RetryCount;
        LastRetryInstanceId = entry.LastRetryInstanceId;
        LastRetryError = entry.LastRetryError is { } error ? Clip(error) : null;
        ResolvedAt = entry.ResolvedAt is { } resolvedAt ? AsUtc(resolvedAt) : null;
        Resolution = entry.Resolution is { } resolution ? Clip(resolution) : null;
        EscalatedAt = entry.EscalatedAt is { } escalatedAt ? AsUtc(escalatedAt) : null;
    }

    /// <summary>The entry, with <paramref name="inputJson"/> (read from chunk rows) or the inline input.</summary>
    public DeadLetterEntry ToEntry(string? inputJson = null) => new(
        new DeadLetter(
            Id, SagaName, InstanceId, StepName, CompensationActivity, inputJson ?? InputJson, ErrorType, ErrorMessage, Attempts,
            AsUtc(FirstFailureAt), AsUtc(LastFailureAt)),
        Enum.TryParse<DeadLetterStatus>(Status, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : throw new InvalidOperationException($"Dead letter '{Id}' has an unknown status '{Status}' in the table."),
        RetryCount,
        LastRetryInstanceId,
        LastRetryError,
        ResolvedAt is { } resolvedAt ? AsUtc(resolvedAt) : null,
        Resolution)
    {
        EscalatedAt = EscalatedAt is { } escalatedAt ? AsUtc(escalatedAt) : null,
    };

    /// <summary>
    /// Texts other than the input (error messages, resolution notes) are kept to one property: a longer one keeps its
    /// start and says how much was cut, rather than making the row unwritable (which would lose the dead letter).
    /// </summary>
    public static string Clip(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxInlineChars)
        {
            return value;
        }

        var marker = $" [... {value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters in all, cut to fit an Azure Table property]";
        var keep = MaxInlineChars - marker.Length;
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return string.Concat(value.AsSpan(0, keep), marker);
    }

    /// <summary>Azure Tables stores UTC only; an unspecified kind is taken as UTC (the kernel's clock is UTC).</summary>
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
