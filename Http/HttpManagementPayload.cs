using System.Text.Json.Serialization;

namespace SagaFunctions.Http;

/// <summary>
/// Durable Functions' check-status payload, with the keys the .NET isolated worker really emits:
/// <c>CreateCheckStatusResponseAsync</c> serializes Durable's <c>HttpManagementPayload</c> with the worker's default
/// System.Text.Json serializer (no naming policy), so the keys are PascalCase.
/// </summary>
public sealed record HttpManagementPayload(
    [property: JsonPropertyName("Id")] string Id,
    [property: JsonPropertyName("StatusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("SendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("TerminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("RewindPostUri")] string RewindPostUri,
    [property: JsonPropertyName("PurgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("RestartPostUri")] string RestartPostUri,
    [property: JsonPropertyName("SuspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("ResumePostUri")] string ResumePostUri)
{
    /// <summary>
    /// The payload for <paramref name="instanceId"/>, its URIs on the request's own base URL under
    /// <c>/runtime/webhooks/durabletask/instances/{id}</c>, with Durable's <c>{eventName}</c> and <c>{text}</c> placeholders.
    /// </summary>
    public static HttpManagementPayload For(string baseUrl, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var instanceUrl = InstanceUrl(baseUrl, instanceId);
        return new HttpManagementPayload(
            instanceId,
            instanceUrl,
            $"{instanceUrl}/raiseEvent/{{eventName}}",
            $"{instanceUrl}/terminate?reason={{text}}",
            $"{instanceUrl}/rewind?reason={{text}}",
            instanceUrl,
            $"{instanceUrl}/restart",
            $"{instanceUrl}/suspend?reason={{text}}",
            $"{instanceUrl}/resume?reason={{text}}");
    }

    /// <summary>The status query URL of an instance (the <c>Location</c> of a start response).</summary>
    public static string InstanceUrl(string baseUrl, string instanceId) =>
        $"{baseUrl.TrimEnd('/')}/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}";
}
