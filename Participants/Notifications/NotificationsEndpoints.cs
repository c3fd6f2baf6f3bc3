using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Notifications;

internal static class NotificationsEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Notifications).WithTags(ParticipantCatalog.Notifications);
        group.MapPost("/send", (HttpContext http, NotificationsService service, OperationRunner runner) =>
            runner.RunAsync<SendEmailRequest>(http, service.Database, NotificationsService.Send, NotificationsService.ValidateSend, service.ExecuteSend))
            .Operation<SendEmailRequest, SendEmailResponse>("Send an e-mail (to the outbox)");
        group.MapGet("/outbox", async (string? to, NotificationsService service, HttpContext http) =>
            Results.Json(new Outbox(await service.ListAsync(to, http.RequestAborted)), ParticipantJson.Options));
    }
}
