using SagaFunctions.Http.Choreography;

namespace SagaFunctions.Standalone.Choreography;

/// <summary>
/// <c>POST /api/choreographies/order</c> (the <c>order</c> request; 202 <c>{id, statusUri}</c>) and
/// <c>GET /api/choreographies/order/{id}</c> (<c>{id, status, events}</c>): the order saga as a choreography, through the
/// shared <see cref="ChoreographyApi"/> over the SQLite queue (<see cref="SqliteChoreographyBackend"/>).
/// </summary>
public static class ChoreographyEndpoints
{
    public static IEndpointRouteBuilder MapChoreographies(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/choreographies").WithTags("Choreographies");
        group.MapPost("/{name}", (HttpRequest request, string name, ChoreographyApi api, CancellationToken ct) => api.StartAsync(request, name, ct))
            .WithName("start-choreography")
            .WithSummary("Start the order saga as a choreography (no orchestrator): 202 {id, statusUri}")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}/{id}", (string name, string id, ChoreographyApi api, CancellationToken ct) => api.GetAsync(name, id, ct))
            .WithName("get-choreography")
            .WithSummary("A choreography's status (running, completed, compensated, failed) and event trail")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
