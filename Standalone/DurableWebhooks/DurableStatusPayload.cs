using System.Text.Json;
using System.Text.Json.Serialization;

using SagaFunctions.Http;

namespace SagaFunctions.Standalone.DurableWebhooks;

/// <summary>
/// The body of Durable's <c>GET /runtime/webhooks/durabletask/instances/{id}</c> (its <c>StatusResponsePayload</c>):
/// times are <c>yyyy-MM-ddTHH:mm:ssZ</c> as Durable writes them.
/// </summary>
public sealed record DurableStatusPayload(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("customStatus")] JsonElement? CustomStatus,
    [property: JsonPropertyName("output")] JsonElement? Output,
    [property: JsonPropertyName("createdTime")] string CreatedTime,
    [property: JsonPropertyName("lastUpdatedTime")] string LastUpdatedTime)
{
    public static DurableStatusPayload From(SagaInstance instance, bool showInput = true)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var output = SagaHttpJson.ParseOrNull(instance.SerializedOutput);
        if (output is null && instance.RuntimeStatus == "Failed" && instance.FailureMessage is not null)
        {
            // Durable puts the failure message in "output" for failed orchestrations.
            output = JsonSerializer.SerializeToElement(instance.FailureMessage);
        }

        return new DurableStatusPayload(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus,
            showInput ? SagaHttpJson.ParseOrNull(instance.SerializedInput) : null,
            SagaHttpJson.ParseOrNull(instance.SerializedCustomStatus),
            output,
            Format(instance.CreatedAt),
            Format(instance.LastUpdatedAt));
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
