using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Processing;

internal static class ProcessingEndpoints
{
    public static void MapProcessing(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Processing).WithTags(ParticipantCatalog.Processing);
        group.MapPost("/process", (HttpContext http, ProcessingService service, OperationRunner runner) =>
            runner.RunAsync<ProcessItemRequest>(http, service.Database, ProcessingService.Process, ProcessingService.ValidateProcess, service.ExecuteProcess))
            .Operation<ProcessItemRequest, ProcessItemResponse>("Process one work item of a batch");
        group.MapPost("/undo", (HttpContext http, ProcessingService service, OperationRunner runner) =>
            runner.RunAsync<UndoWorkRequest>(http, service.Database, ProcessingService.Undo, ProcessingService.ValidateUndo, service.ExecuteUndo))
            .Operation<UndoWorkRequest, UndoWorkResponse>("Undo a work item by its process call's idempotency key");
        group.MapGet("/{batchId}", async (string batchId, ProcessingService service, HttpContext http) =>
            await service.GetAsync(batchId, http.RequestAborted) is { } batch
                ? Results.Json(batch, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.NotFound, $"Nothing was processed for batch '{batchId}'.", http.Request.Path));
    }
}
