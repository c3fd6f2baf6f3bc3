using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Seats;

internal static class SeatsEndpoints
{
    public static void MapSeats(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Seats).WithTags(ParticipantCatalog.Seats);
        group.MapPost("/hold", (HttpContext http, SeatsService service, OperationRunner runner) =>
            runner.RunAsync<HoldSeatsRequest>(http, service.Database, SeatsService.Hold, SeatsService.ValidateHold, service.ExecuteHold))
            .Operation<HoldSeatsRequest, HoldSeatsResponse>("Hold seats until an expiry");
        group.MapPost("/confirm", (HttpContext http, SeatsService service, OperationRunner runner) =>
            runner.RunAsync<ConfirmSeatsRequest>(http, service.Database, SeatsService.Confirm, SeatsService.ValidateConfirm, service.ExecuteConfirm))
            .Operation<ConfirmSeatsRequest, ConfirmSeatsResponse>("Confirm a hold and issue tickets");
        group.MapPost("/release", (HttpContext http, SeatsService service, OperationRunner runner) =>
            runner.RunAsync<ReleaseSeatsRequest>(http, service.Database, SeatsService.Release, SeatsService.ValidateRelease, service.ExecuteRelease))
            .Operation<ReleaseSeatsRequest, ReleaseSeatsResponse>("Release a hold by its idempotency key");
        group.MapGet("/{eventId}", async (string eventId, SeatsService service, HttpContext http) =>
            await service.GetAsync(eventId, http.RequestAborted) is { } seats
                ? Results.Json(seats, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownEvent, $"Event '{eventId}' does not exist.", http.Request.Path));
    }
}
