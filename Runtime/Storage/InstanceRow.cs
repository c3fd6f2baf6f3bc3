namespace SagaFunctions.Runtime.Storage;

/// <summary>The stored state of one instance.</summary>
internal sealed record InstanceRow(
    string InstanceId,
    string Name,
    OrchestrationStatus Status,
    long Generation,
    string ExecutionId,
    string? Input,
    string? Output,
    string? CustomStatus,
    string? FailureType,
    string? FailureMessage,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? ParentInstanceId,
    long ParentGeneration,
    int ParentTaskId,
    string Version = "",
    string? TraceParent = null)
{
    public InstanceStatus ToStatus(bool includePayloads) => new(
        InstanceId,
        Name,
        Status,
        new DateTimeOffset(CreatedAt, TimeSpan.Zero),
        new DateTimeOffset(UpdatedAt, TimeSpan.Zero),
        includePayloads ? Input : null,
        includePayloads ? Output : null,
        includePayloads ? CustomStatus : null,
        FailureType is null ? null : new FailureDetails(FailureType, FailureMessage ?? string.Empty),
        Version,
        TraceParent);
}
