using System.Text.Json;

namespace SagaFunctions.Kernel.Choreography;

/// <summary>One entry of a choreography's event trail: what happened, in which service, when, with its data.</summary>
public sealed record ChoreographyEvent(string Type, string Service, DateTimeOffset At, JsonElement? Data);
