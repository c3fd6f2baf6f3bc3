namespace SagaFunctions.Runtime.Engine;

/// <summary>A registered activity: takes its serialized input and the call, returns its serialized output.</summary>
internal sealed record ActivityRegistration(string Name, Func<string?, ActivityCall, CancellationToken, Task<string?>> Invoke);
