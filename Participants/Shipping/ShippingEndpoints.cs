using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Shipping;

internal static class ShippingEndpoints
{
    public static void MapShipping(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Shipping).WithTags(ParticipantCatalog.Shipping);
        group.MapPost("/create", (HttpContext http, ShippingService service, OperationRunner runner) =>
            runner.RunAsync<CreateShipmentRequest>(http, service.Database, ShippingService.Create, ShippingService.ValidateCreate, service.ExecuteCreate))
            .Operation<CreateShipmentRequest, ShipmentResponse>("Create a shipment");
        group.MapPost("/cancel", (HttpContext http, ShippingService service, OperationRunner runner) =>
            runner.RunAsync<CancelShipmentRequest>(http, service.Database, ShippingService.Cancel, ShippingService.ValidateCancel, service.ExecuteCancel))
            .Operation<CancelShipmentRequest, CancelShipmentResponse>("Cancel a shipment by its idempotency key");
        group.MapGet("/{shipmentId}", async (string shipmentId, ShippingService service, HttpContext http) =>
            await service.GetAsync(shipmentId, http.RequestAborted) is { } shipment
                ? Results.Json(shipment, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.NotFound, $"Shipment '{shipmentId}' does not exist.", http.Request.Path));
    }
}
