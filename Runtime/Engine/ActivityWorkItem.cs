namespace SagaFunctions.Runtime.Engine;

/// <summary>An activity to run: which instance/generation/task it answers, its name, serialized input and the instance's trace parent.</summary>
internal sealed record ActivityWorkItem(string InstanceId, long Generation, int TaskId, string Name, string? Input, string? TraceParent);
