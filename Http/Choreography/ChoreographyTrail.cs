using SagaFunctions.Kernel.Choreography;

namespace SagaFunctions.Http.Choreography;

/// <summary>A stored choreography: its name (<c>order</c>), status and event trail, oldest first.</summary>
public sealed record ChoreographyTrail(string Name, string Status, IReadOnlyList<ChoreographyEvent> Events);
