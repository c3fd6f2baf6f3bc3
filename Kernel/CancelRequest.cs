using System.ComponentModel.DataAnnotations;

namespace SagaFunctions.Kernel;

/// <summary>Payload of the cooperative <see cref="Saga.CancelEventName"/> event.</summary>
public sealed record CancelRequest([property: DataType(DataType.MultilineText)] string? Reason);
