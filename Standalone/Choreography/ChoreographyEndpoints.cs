using SagaFunctions.Http;
using SagaFunctions.Sagas.Choreography;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.Standalone.Choreography;

/// <summary>
/// <c>POST /api/choreographies/order</c> (the <c>order</c> request; 202 <c>{id, statusUri}</c>) and
/// <c>GET /api/choreographies/order/{id}</c> (<c>{id, status, events}</c>): the order saga as a choreography.
/// </summary>
public static class ChoreographyEndpoints
{
    public static IEndpointRouteBuilder MapChoreographies(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/choreographies").WithTags("Choreographies");
        group.MapPost("/{name}", StartAsync)
            .WithName("start-choreography")
            .WithSummary("Start the order saga as a choreography (no orchestrator): 202 {id, statusUri}")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}/{id}", Get)
            .WithName("get-choreography")
            .WithSummary("A choreography's status (running, completed, compensated, failed) and event trail")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> StartAsync(
        HttpRequest request, string name, OrderChoreography handlers, ChoreographyStore store, ChoreographyDispatcher dispatcher,
        SagaHttpOptions options, TimeProvider time, CancellationToken ct)
    {
        if (Unknown(name) is { } notFound)
        {
            return notFound;
        }

        var body = await JsonBody.ReadAsync(request, options.MaxBodyBytes, ct);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (input, error) = SagaRequestBinder.Bind(body.Root, typeof(OrderRequest));
        if (error is not null)
        {
            return error;
        }

        var id = InstanceIds.New();
        store.TryStart(id, OrderChoreography.Name, time.GetUtcNow(), handlers.Start(id, (OrderRequest)input!));
        dispatcher.Signal();
        var statusUri = $"{RequestUrls.BaseUrl(request)}/api/choreographies/{OrderChoreography.Name}/{id}";
        return Results.Accepted(statusUri, new { id, statusUri });
    }

    private static IResult Get(string name, string id, ChoreographyStore store)
    {
        if (Unknown(name) is { } notFound)
        {
            return notFound;
        }

        return store.Get(id) is { } found && found.Name == name
            ? Results.Json(new { id, status = found.Status, events = found.Events }, SagaHttpJson.Options)
            : HttpProblems.NotFound($"No '{name}' choreography with id '{id}'.");
    }

    private static IResult? Unknown(string name) =>
        string.Equals(name, OrderChoreography.Name, StringComparison.Ordinal)
            ? null
            : HttpProblems.NotFound($"Unknown choreography '{name}'. Known: {OrderChoreography.Name}.");
}
