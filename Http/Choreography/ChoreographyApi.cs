using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http.Choreography;

/// <summary>
/// The choreography routes of both hosts: <c>POST /api/choreographies/{name}</c> (the backend's request, for <c>order</c> validated like
/// <c>POST /api/sagas/order</c>; 202 <c>{id, statusUri}</c>) and <c>GET /api/choreographies/{name}/{id}</c>
/// (<c>{id, status, events}</c>). Only the transport behind <see cref="IChoreographyBackend"/> differs between hosts.
/// </summary>
public sealed class ChoreographyApi(IChoreographyBackend backend, SagaHttpOptions options)
{
    public async Task<IResult> StartAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unknown(name) is { } notFound)
        {
            return notFound;
        }

        var body = await JsonBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (input, error) = SagaRequestBinder.Bind(body.Root, backend.RequestType);
        if (error is not null)
        {
            return error;
        }

        var id = InstanceIds.New();
        await backend.StartAsync(id, input!, cancellationToken);
        var statusUri = $"{RequestUrls.BaseUrl(request)}/api/choreographies/{backend.Name}/{id}";
        return Results.Accepted(statusUri, new { id, statusUri });
    }

    public async Task<IResult> GetAsync(string name, string id, CancellationToken cancellationToken)
    {
        if (Unknown(name) is { } notFound)
        {
            return notFound;
        }

        // An id no start could have made (too long, a '/' ...) is simply not there; the backend never sees it.
        return InstanceIds.Validate(id) is null && await backend.GetAsync(id, cancellationToken) is { } found && found.Name == name
            ? Results.Json(new { id, status = found.Status, events = found.Events }, SagaHttpJson.Options)
            : HttpProblems.NotFound($"No '{name}' choreography with id '{id}'.");
    }

    private IResult? Unknown(string name) =>
        string.Equals(name, backend.Name, StringComparison.Ordinal)
            ? null
            : HttpProblems.NotFound($"Unknown choreography '{name}'. Known: {backend.Name}.");
}
