using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Inventory;

internal static class InventoryEndpoints
{
    public static void MapInventory(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Inventory).WithTags(ParticipantCatalog.Inventory);
        group.MapPost("/reserve", (HttpContext http, InventoryService service, OperationRunner runner) =>
            runner.RunAsync<ReserveRequest>(http, service.Database, InventoryService.Reserve, InventoryService.ValidateReserve, service.ExecuteReserve))
            .Operation<ReserveRequest, ReserveResponse>("Reserve stock (all SKUs or none)");
        group.MapPost("/release", (HttpContext http, InventoryService service, OperationRunner runner) =>
            runner.RunAsync<ReleaseRequest>(http, service.Database, InventoryService.Release, InventoryService.ValidateRelease, service.ExecuteRelease))
            .Operation<ReleaseRequest, ReleaseResponse>("Release a reservation by its idempotency key");
        group.MapGet("/", async (InventoryService service, HttpContext http) =>
            Results.Json(await service.ListAsync(http.RequestAborted), ParticipantJson.Options));
        group.MapGet("/{sku}", async (string sku, InventoryService service, HttpContext http) =>
            await service.GetAsync(sku, http.RequestAborted) is { } level
                ? Results.Json(level, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownSku, $"SKU '{sku}' does not exist.", http.Request.Path));
    }
}
