using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Faults;

internal static class FaultEndpoints
{
    public static void MapFaults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/faults").WithTags("faults");
        group.MapPost("/", async (HttpContext http, FaultInjector faults, IOptions<ParticipantsOptions> options) =>
        {
            var (request, error) = await RequestReader.ReadAsync<FaultRequest>(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted);
            if (error is not null)
            {
                return error;
            }

            var errors = FaultInjector.Validate(request!);
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors.ToDictionary(), http.Request.Path);
            }

            var fault = faults.Add(request!);
            http.Response.Headers.Location = $"/participants/faults/{fault.Id}";
            return Results.Json(fault, ParticipantJson.Options, statusCode: StatusCodes.Status201Created);
        });
        group.MapGet("/", (FaultInjector faults) => Results.Json(faults.List(), ParticipantJson.Options));
        group.MapGet("/{id}", (string id, FaultInjector faults, HttpContext http) =>
            faults.Get(id) is { } fault
                ? Results.Json(fault, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.NotFound, $"Fault '{id}' does not exist.", http.Request.Path));
        group.MapDelete("/", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        group.MapDelete("/{id}", (string id, FaultInjector faults, HttpContext http) =>
            faults.Remove(id)
                ? Results.NoContent()
                : Problems.NotFound(RejectionCodes.NotFound, $"Fault '{id}' does not exist.", http.Request.Path));
    }
}
