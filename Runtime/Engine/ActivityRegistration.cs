namespace SagaFunctions.Runtime.Engine;

/// <summary>A registered activity: takes its serialized input, returns its serialized output.</summary>
internal sealed record ActivityRegistration(string Name, Func<string?, CancellationToken, Task<string?>> Invoke);
