using System.Text.Json;

namespace SagaFunctions.Http;

/// <summary>An event the instance received but has not consumed (no wait for that name yet), oldest first per name.</summary>
public sealed record ReceivedEvent(string Name, JsonElement? Payload);
