using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Http;

namespace SagaFunctions.Standalone.Endpoints;

/// <summary>Maps the dead-letter routes onto <see cref="DeadLetterApi"/>. Ids contain ':'; send them URL-encoded.</summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/dead-letters").WithTags("Dead letters");
        group.MapGet("/", (HttpRequest request, [FromServices] DeadLetterApi api, CancellationToken ct) => api.ListAsync(request, ct))
            .WithName("list-dead-letters")
            .WithSummary("Failed compensations waiting for review (filter: status = open|retrying|retryFailed|resolved)")
            .Produces<DeadLetterPage>()
            .ProducesValidationProblem();
        group.MapGet("/{id}", (HttpRequest request, string id, [FromServices] DeadLetterApi api, CancellationToken ct) => api.GetAsync(request, id, ct))
            .WithName("get-dead-letter")
            .Produces<DeadLetterView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/retry", (HttpRequest request, string id, [FromServices] DeadLetterApi api, CancellationToken ct) => api.RetryAsync(request, id, ct))
            .WithName("retry-dead-letter")
            .WithSummary("Re-run the compensation as a new orchestration")
            .Produces<HttpManagementPayload>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/resolve", (HttpRequest request, string id, [FromServices] DeadLetterApi api, CancellationToken ct) => api.ResolveAsync(request, id, ct))
            .WithName("resolve-dead-letter")
            .WithSummary("Close the record by hand, with an optional {note}")
            .Produces<DeadLetterView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
