using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>The definition routes (<c>GET /api/definitions[/{saga}]</c>), each one call into the shared <see cref="DefinitionsApi"/>.</summary>
public sealed class DefinitionHttpFunctions(SagaRegistry registry)
{
    private readonly DefinitionsApi _api = new(registry);

    [Function(nameof(ListDefinitions))]
    public Task<IResult> ListDefinitions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/definitions")] HttpRequest request) =>
        Task.FromResult(_api.List(request));

    [Function(nameof(GetDefinition))]
    public Task<IResult> GetDefinition(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/definitions/{saga}")] HttpRequest request,
        string saga) =>
        Task.FromResult(_api.Get(saga));
}
