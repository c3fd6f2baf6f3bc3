namespace SagaFunctions.Runtime.Storage;

/// <summary>A pending activity row: scheduled, not yet completed, owned until <see cref="LockedUntil"/>; with its instance's trace parent.</summary>
internal sealed record StoredActivity(string InstanceId, long Generation, int TaskId, string Name, string? Input, DateTime LockedUntil, string? TraceParent);
