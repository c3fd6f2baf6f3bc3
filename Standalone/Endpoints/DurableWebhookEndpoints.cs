using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Http;

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
        group.MapPost("/{instanceId}/terminate", (HttpRequest request, string instanceId, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                api.TerminateAsync(request, instanceId, ct))
            .WithName("durable-terminate")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        group.MapDelete("/{instanceId}", (HttpRequest request, string instanceId, [FromServices] DurableWebhookApi api, CancellationToken ct) =>
                api.PurgeAsync(request, instanceId, ct))
            .WithName("durable-purge")
            .Produces<PurgeResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        foreach (var operation in new[] { "suspend", "resume", "restart", "rewind" })
        {
            group.MapPost($"/{{instanceId}}/{operation}", (string instanceId) => DurableWebhookApi.NotSupported(operation))
                .WithName($"durable-{operation}")
                .ProducesProblem(StatusCodes.Status501NotImplemented);
        }

        return endpoints;
    }
}
