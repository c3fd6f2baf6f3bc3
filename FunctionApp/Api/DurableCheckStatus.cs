using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>
/// Answers a successful start with Durable's own check-status response. In Azure the webhook URIs must carry the task
/// hub, connection and system key, which only the extension's <c>CreateCheckStatusResponseAsync</c> knows. That call
/// writes the 202, <c>Location</c> and payload into the ASP.NET Core response (the integration's
/// <c>HttpResponseData</c> wraps it), so the shared API then returns an empty result.
/// </summary>
public static class DurableCheckStatus
{
    public static StartedResponse For(DurableTaskClient client, FunctionContext context) =>
        async (_, instanceId, cancellationToken) =>
        {
            var request = await context.GetHttpRequestDataAsync()
                ?? throw new InvalidOperationException($"Function '{context.FunctionDefinition.Name}' was not invoked over HTTP.");
            await client.CreateCheckStatusResponseAsync(request, instanceId, cancellationToken);
            return Results.Empty;
        };
}
