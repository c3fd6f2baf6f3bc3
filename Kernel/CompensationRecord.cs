using System.Text.Json.Serialization;

namespace SagaFunctions.Kernel;

/// <summary>One compensation that ran: which step it undid, how it ended, after how many attempts.</summary>
public sealed record CompensationRecord(
    string Step,
    string Activity,
    CompensationStatus Status,
    int Attempts,
    bool StepWasInDoubt,
    string? Detail,
    string? Error);

/// <summary>How a compensation ended.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CompensationStatus>))]
public enum CompensationStatus
{
    Compensated,
    DeadLettered,
}
