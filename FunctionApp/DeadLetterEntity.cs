using Azure;
using Azure.Data.Tables;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// The Azure Table row of a dead letter: PartitionKey = saga name, RowKey = record id, both escaped with
/// <see cref="TableKeys"/>. A mutable class because Azure.Data.Tables materializes entities through a parameterless
/// constructor and property setters; it never leaves <see cref="TableDeadLetterStore"/>.
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

    public string InputJson { get; set; } = string.Empty;

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

    public static DeadLetterEntity FromRecord(DeadLetter record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.SagaName);
        return new DeadLetterEntity
        {
            PartitionKey = TableKeys.EscapeKey(record.SagaName),
            RowKey = TableKeys.EscapeKey(record.Id),
            Id = record.Id,
            SagaName = record.SagaName,
            InstanceId = record.InstanceId,
            StepName = record.StepName,
            CompensationActivity = record.CompensationActivity,
            InputJson = record.InputJson,
            ErrorType = record.ErrorType,
            ErrorMessage = record.ErrorMessage,
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
        LastRetryError = entry.LastRetryError;
        ResolvedAt = entry.ResolvedAt is { } resolvedAt ? AsUtc(resolvedAt) : null;
        Resolution = entry.Resolution;
    }

    public DeadLetterEntry ToEntry() => new(
        new DeadLetter(
            Id, SagaName, InstanceId, StepName, CompensationActivity, InputJson, ErrorType, ErrorMessage, Attempts,
            AsUtc(FirstFailureAt), AsUtc(LastFailureAt)),
        Enum.TryParse<DeadLetterStatus>(Status, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : throw new InvalidOperationException($"Dead letter '{Id}' has an unknown status '{Status}' in the table."),
        RetryCount,
        LastRetryInstanceId,
        LastRetryError,
        ResolvedAt is { } resolvedAt ? AsUtc(resolvedAt) : null,
        Resolution);

    /// <summary>Azure Tables stores UTC only; an unspecified kind is taken as UTC (the kernel's clock is UTC).</summary>
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
