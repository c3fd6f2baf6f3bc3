namespace SagaFunctions.Runtime;

/// <summary>The outcome of a start: <see cref="Created"/> is false when the instance id already existed (nothing was started).</summary>
public sealed record StartResult(string InstanceId, bool Created);
