namespace SagaFunctions.Runtime;

/// <summary>An event an instance received and has not awaited yet (Durable buffers it until a wait for that name).</summary>
public sealed record BufferedEvent(string Name, string? SerializedPayload);
