namespace SagaFunctions.Runtime.Storage;

/// <summary>A pending durable timer row.</summary>
internal readonly record struct StoredTimer(string InstanceId, long Generation, int TaskId, DateTime FireAt);
