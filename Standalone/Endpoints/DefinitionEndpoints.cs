using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Http;
using SagaFunctions.Kernel.Definitions;

namespace SagaFunctions.Standalone.Endpoints;

/// <summary>Maps the definition routes onto <see cref="DefinitionsApi"/>.</summary>
public static class DefinitionEndpoints
{
    public static IEndpointRouteBuilder MapDefinitionApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/definitions").WithTags("Definitions");
        group.MapGet("/", (HttpRequest request, [FromServices] DefinitionsApi api) => api.List(request))
            .WithName("list-definitions")
            .WithSummary("Every saga's definition: steps with compensations, pivot, parallel groups, waits, events, outcomes")
            .Produces<SagaDefinitionPage>()
            .ProducesValidationProblem();
        group.MapGet("/{saga}", (string saga, [FromServices] DefinitionsApi api) => api.Get(saga))
            .WithName("get-definition")
            .WithSummary("One saga's definition (the monitor draws its diagram from it)")
            .Produces<SagaDefinition>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
