using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Http;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone.Endpoints;

/// <summary>Durable's instance-management webhooks, same paths, shapes and status codes as Azure Functions.</summary>
public static class DurableWebhookEndpoints
{
    public const string Prefix = "/runtime/webhooks/durabletask";

    public static IEndpointRouteBuilder MapDurableWebhooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup($"{Prefix}/instances").WithTags("Durable webhooks");
        group.MapGet("/", (HttpRequest request, [FromServices] DurableWebhookApi api, CancellationToken ct) => api.ListAsync(request, ct))
            .WithName("durable-list-instances")
            .Produces<DurableStatusPayload[]>();
        group.MapGet("/{instanceId}", (HttpRequest request, string instanceId, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                api.GetStatusAsync(request, instanceId, ct))
            .WithName("durable-get-status")
            .Produces<DurableStatusPayload>()
            .Produces<DurableStatusPayload>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{instanceId}/raiseEvent/{eventName}",
                (HttpRequest request, string instanceId, string eventName, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                    api.RaiseEventAsync(request, instanceId, eventName, ct))
            .WithName("durable-raise-event")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        MapInstanceAction(group, "terminate", (api, request, instanceId, ct) => api.TerminateAsync(request, instanceId, ct));
        group.MapDelete("/{instanceId}", (HttpRequest request, string instanceId, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                api.PurgeAsync(request, instanceId, ct))
            .WithName("durable-purge")
            .Produces<PurgeResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        MapInstanceAction(group, "suspend", (api, request, instanceId, ct) => api.SuspendAsync(request, instanceId, ct));
        MapInstanceAction(group, "resume", (api, request, instanceId, ct) => api.ResumeAsync(request, instanceId, ct));
        group.MapPost("/{instanceId}/restart", (HttpRequest request, string instanceId, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                api.RestartAsync(request, instanceId, ct))
            .WithName("durable-restart")
            .Produces<HttpManagementPayload>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{instanceId}/rewind", DurableWebhookApi.Rewind)
            .WithName("durable-rewind")
            .ProducesProblem(StatusCodes.Status501NotImplemented);

        return endpoints;
    }

    /// <summary><c>POST instances/{id}/{operation}</c> named <c>durable-{operation}</c>: 202 (no body), 404 unknown, 410 finished.</summary>
    private static void MapInstanceAction(
        RouteGroupBuilder group, string operation, Func<DurableWebhookApi, HttpRequest, string, CancellationToken, Task<IResult>> action) =>
        group.MapPost($"/{{instanceId}}/{operation}", (HttpRequest request, string instanceId, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                action(api, request, instanceId, ct))
            .WithName($"durable-{operation}")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
}
