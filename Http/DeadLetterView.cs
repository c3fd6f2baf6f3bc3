using System.Text.Json;
using System.Text.Json.Serialization;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Http;

/// <summary>A dead letter as the HTTP API shows it: the failed compensation, its input, and its review state.</summary>
public sealed record DeadLetterView(
    string Id,
    string SagaName,
    string InstanceId,
    string StepName,
    string CompensationActivity,
    JsonElement? Input,
    string ErrorType,
    string ErrorMessage,
    int Attempts,
    DateTime FirstFailureAt,
    DateTime LastFailureAt,
    DeadLetterStatus Status,
    int RetryCount,
    string? LastRetryInstanceId,
    string? LastRetryError,
    DateTime? ResolvedAt,
    string? Resolution,
    string Url)
{
    /// <summary>The operator actions on this record (retries, resolution), newest first; absent where the host keeps no audit trail.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Audit.AuditEntry>? Audit { get; init; }

    /// <summary>When the record, open past its SLA, was escalated to an operator; null until then.</summary>
    public DateTime? EscalatedAt { get; init; }

    public static DeadLetterView From(DeadLetterEntry entry, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var r = entry.Record;
        return new DeadLetterView(
            r.Id,
            r.SagaName,
            r.InstanceId,
            r.StepName,
            r.CompensationActivity,
            SagaHttpJson.ParseOrNull(r.InputJson),
            r.ErrorType,
            r.ErrorMessage,
            r.Attempts,
            r.FirstFailureAt,
            r.LastFailureAt,
            entry.Status,
            entry.RetryCount,
            entry.LastRetryInstanceId,
            entry.LastRetryError,
            entry.ResolvedAt,
            entry.Resolution,
            $"{baseUrl.TrimEnd('/')}/api/dead-letters/{Uri.EscapeDataString(r.Id)}")
        {
            EscalatedAt = entry.EscalatedAt,
        };
    }
}
