using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.Http;
using DurablePayload = Microsoft.Azure.Functions.Worker.HttpManagementPayload;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>
/// Answers a successful start with Durable's own management URLs. In Azure they must carry the task hub, connection and
/// system key, which only the extension's <c>[DurableClient]</c> binding knows: <c>CreateHttpManagementPayload</c> builds
/// them from the binding's base URL and query string. The payload is then written with the contract's own
/// <see cref="SagaFunctions.Http.HttpManagementPayload"/> (PascalCase keys), so its shape does not depend on the worker's
/// serializer.
/// </summary>
public static class DurableCheckStatus
{
    /// <summary>The binding's management URLs, for the saga view and conflict answers.</summary>
    public static ManagementUrls Urls(DurableTaskClient client) => (_, instanceId) => Payload(client, instanceId);

    public static StartedResponse For(DurableTaskClient client) =>
        (_, instanceId, _) => Task.FromResult(SagaApi.CheckStatus(Payload(client, instanceId)));

    /// <summary>The contract's payload from Durable's: the same URLs, with the binding's task hub and key.</summary>
    public static SagaFunctions.Http.HttpManagementPayload Payload(DurableTaskClient client, string instanceId)
    {
        DurablePayload durable = client.CreateHttpManagementPayload(instanceId);
        return new(
            instanceId,
            Required(durable.StatusQueryGetUri),
            Required(durable.SendEventPostUri),
            Required(durable.TerminatePostUri),
            durable.RewindPostUri ?? string.Empty,
            Required(durable.PurgeHistoryDeleteUri),
            durable.RestartPostUri ?? string.Empty,
            Required(durable.SuspendPostUri),
            Required(durable.ResumePostUri));
    }

    private static string Required(string? uri) =>
        uri ?? throw new InvalidOperationException("Durable's management payload is missing a URL; is this client the [DurableClient] binding?");
}
