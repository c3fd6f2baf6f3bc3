using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>
/// Answers a successful start with Durable's own check-status response. In Azure the webhook URIs must carry the task
/// hub, connection and system key, which only the extension's <c>CreateCheckStatusResponseAsync</c> knows. That call
/// writes the 202, <c>Location</c> and payload straight into the ASP.NET Core response (the integration's
/// <c>HttpResponseData</c> wraps it), so the function then returns an empty result. Every other result of the shared API
/// (validation problems, 404, 409) passes through unchanged.
/// </summary>
public static class DurableCheckStatus
{
    public static async Task<IResult> UseDurableResponseAsync(IResult result, DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CheckStatusResults.StartedInstanceId(result) is not { } instanceId)
        {
            return result;
        }

        var request = await context.GetHttpRequestDataAsync()
            ?? throw new InvalidOperationException($"Function '{context.FunctionDefinition.Name}' was not invoked over HTTP.");
        await client.CreateCheckStatusResponseAsync(request, instanceId, context.CancellationToken);
        return Results.Empty;
    }
}
