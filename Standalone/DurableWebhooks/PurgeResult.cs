using System.Text.Json.Serialization;

using SagaFunctions.Http;

namespace SagaFunctions.Standalone.DurableWebhooks;

/// <summary>Durable's purge response body.</summary>
public sealed record PurgeResult([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
