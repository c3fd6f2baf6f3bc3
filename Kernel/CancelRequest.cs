namespace SagaFunctions.Kernel;

/// <summary>Payload of the cooperative <see cref="Saga.CancelEventName"/> event.</summary>
public sealed record CancelRequest(string? Reason);
