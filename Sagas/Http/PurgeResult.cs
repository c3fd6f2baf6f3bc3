using System.Text.Json.Serialization;

namespace SagaFunctions.Http;

/// <summary>Durable's purge response body.</summary>
public sealed record PurgeResult([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
