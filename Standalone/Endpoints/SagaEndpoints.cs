using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Http;

namespace SagaFunctions.Standalone.Endpoints;

/// <summary>Maps the saga routes (docs/architecture.md, "HTTP contract") onto <see cref="SagaApi"/>; every handler is one call.</summary>
public static class SagaEndpoints
{
    public static IEndpointRouteBuilder MapSagaApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetRequiredService<SagaRegistry>();
        var sagas = endpoints.MapGroup("/api/sagas").WithTags("Sagas");

        // One documented start route per saga (so OpenAPI shows each request body), then the generic ones that
        // answer 404 for an unknown saga name.
        foreach (var saga in registry.Sagas)
        {
            var route = saga.Route;
            sagas.MapPost($"/{route}", (HttpRequest request, [FromServices] SagaApi api, CancellationToken ct) =>
                    api.StartAsync(request, route, null, ct))
                .WithName($"start-{route}")
                .WithSummary($"Start a '{route}' saga with a generated instance id")
                .WithMetadata(new JsonBodyMetadata(saga.RequestType))
                .Produces<HttpManagementPayload>(StatusCodes.Status202Accepted)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            sagas.MapPost($"/{route}/{{instanceId}}", (HttpRequest request, string instanceId, [FromServices] SagaApi api, CancellationToken ct) =>
                    api.StartAsync(request, route, instanceId, ct))
                .WithName($"start-{route}-with-id")
                .WithSummary($"Start a '{route}' saga with a caller-chosen instance id (409 if it exists)")
                .WithMetadata(new JsonBodyMetadata(saga.RequestType))
                .Produces<HttpManagementPayload>(StatusCodes.Status202Accepted)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        }

        sagas.MapPost("/{saga}", (HttpRequest request, string saga, [FromServices] SagaApi api, CancellationToken ct) =>
                api.StartAsync(request, saga, null, ct))
            .WithSummary("Start a saga (unknown names answer 404)")
            .WithMetadata(new JsonBodyMetadata(typeof(JsonElement)))
            .Produces<HttpManagementPayload>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        sagas.MapPost("/{saga}/{instanceId}", (HttpRequest request, string saga, string instanceId, [FromServices] SagaApi api, CancellationToken ct) =>
                api.StartAsync(request, saga, instanceId, ct))
            .WithSummary("Start a saga with an instance id (unknown names answer 404)")
            .WithMetadata(new JsonBodyMetadata(typeof(JsonElement)))
            .Produces<HttpManagementPayload>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sagas.MapGet("/", (HttpRequest request, [FromServices] SagaApi api, CancellationToken ct) => api.ListAsync(request, ct))
            .WithName("list-sagas")
            .WithSummary("List saga instances (filters: saga, status, runtimeStatus, phase, stuck, version, createdFrom, createdTo, pageSize, continuationToken)")
            .Produces<SagaSummaryPage>()
            .ProducesValidationProblem();
        // A literal segment outranks the '{saga}' parameter in ASP.NET Core routing, so 'stats' is never read as a saga name.
        sagas.MapGet("/stats", (HttpRequest request, [FromServices] SagaApi api, CancellationToken ct) => api.StatsAsync(request, ct))
            .WithName("saga-stats")
            .WithSummary("Statistics per saga (counts by status, compensation rate, durations), dead letters by state, stuck count; optional from/to on created time")
            .Produces<SagaStatsResponse>()
            .ProducesValidationProblem();
        sagas.MapGet("/{saga}", (HttpRequest request, string saga, [FromServices] SagaApi api, CancellationToken ct) => api.ListAsync(request, saga, ct))
            .WithName("list-sagas-of-one")
            .WithSummary("List the instances of one saga (the list with 'saga' set; the same filters)")
            .Produces<SagaSummaryPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        sagas.MapGet("/{saga}/{instanceId}", (HttpRequest request, string saga, string instanceId, [FromServices] SagaApi api, CancellationToken ct) =>
                api.GetAsync(request, saga, instanceId, ct))
            .WithName("get-saga")
            .WithSummary("The saga view: runtime status, outcome, progress timeline, compensations, errors")
            .Produces<SagaView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        sagas.MapPost("/{saga}/{instanceId}/events/{eventName}",
                (HttpRequest request, string saga, string instanceId, string eventName, [FromServices] SagaApi api, CancellationToken ct) =>
                    api.RaiseEventAsync(request, saga, instanceId, eventName, ct))
            .WithName("raise-saga-event")
            .WithSummary("Raise an event (ticketing 'payment', insurance-claim 'approval')")
            .WithMetadata(new JsonBodyMetadata(typeof(JsonElement)))
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        sagas.MapPost("/{saga}/{instanceId}/cancel", (HttpRequest request, string saga, string instanceId, [FromServices] SagaApi api, CancellationToken ct) =>
                api.CancelAsync(request, saga, instanceId, ct))
            .WithName("cancel-saga")
            .WithSummary("Cooperative cancel: the saga compensates and ends 'cancelled'")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        sagas.MapPost("/{saga}/{instanceId}/retry", (HttpRequest request, string saga, string instanceId, [FromServices] SagaApi api, CancellationToken ct) =>
                api.RetryStepAsync(request, saga, instanceId, ct))
            .WithName("retry-saga-step")
            .WithSummary("Retry now: the step (or compensation) waiting out its retry backoff makes its next attempt at once (optional {note})")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        sagas.MapPost("/{saga}/{instanceId}/terminate", (HttpRequest request, string saga, string instanceId, [FromServices] SagaApi api, CancellationToken ct) =>
                api.TerminateAsync(request, saga, instanceId, ct))
            .WithName("terminate-saga")
            .WithSummary("Terminate (Durable semantics: nothing is compensated)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        // An instance id with a '/' in it (sent raw) matches no route above: say why instead of a bare 404.
        // A GET of a POST-only action ({id}/cancel, {id}/terminate, {id}/events/{name}) lands here too: that is a 405.
        sagas.MapMethods("/{saga}/{**rest}", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, string saga, string rest) =>
            {
                if (HttpMethods.IsGet(http.Request.Method) && IsPostOnlyAction(rest))
                {
                    http.Response.Headers.Allow = HttpMethods.Post;
                    return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
                }

                return HttpProblems.Validation(
                    "instanceId",
                    $"No route matches '/api/sagas/{saga}/{rest}'. If '{rest}' is meant as an instance id: instance ids must not contain '/', '\\', '#' or '?'. The routes are listed at /openapi/v1.json.");
            })
            .ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsPostOnlyAction(string rest)
    {
        var segments = rest.Split('/');
        return segments switch
        {
            [_, "cancel" or "terminate"] => true,
            [_, "events", _] => true,
            _ => false,
        };
    }
}
