using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Http.Choreography;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>The choreography routes, each one call into the shared <see cref="ChoreographyApi"/> (the same contract as Standalone).</summary>
public sealed class ChoreographyHttpFunctions(ChoreographyApi api)
{
    [Function(nameof(StartChoreography))]
    public Task<IResult> StartChoreography(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/choreographies/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        api.StartAsync(request, name, cancellationToken);

    [Function(nameof(GetChoreography))]
    public Task<IResult> GetChoreography(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/choreographies/{name}/{id}")] HttpRequest request,
        string name,
        string id,
        CancellationToken cancellationToken) =>
        api.GetAsync(name, id, cancellationToken);
}
