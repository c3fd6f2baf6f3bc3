namespace SagaFunctions.Runtime;

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceStatus> Instances, string? ContinuationToken);
