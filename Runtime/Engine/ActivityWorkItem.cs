namespace SagaFunctions.Runtime.Engine;

/// <summary>An activity to run: which instance/generation/task it answers, its name and serialized input.</summary>
internal sealed record ActivityWorkItem(string InstanceId, long Generation, int TaskId, string Name, string? Input);
