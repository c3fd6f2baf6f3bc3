using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Migration;

internal static class MigrationEndpoints
{
    public static void MapMigration(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Migration).WithTags(ParticipantCatalog.Migration);
        group.MapPost("/dual-write", (HttpContext http, MigrationService service, OperationRunner runner) =>
            runner.RunAsync<DualWriteRequest>(http, service.Database, MigrationService.DualWrite, MigrationService.ValidateDualWrite, service.ExecuteDualWrite))
            .Operation<DualWriteRequest, DualWriteResponse>("Turn dual-write on or off");
        group.MapPost("/batch", (HttpContext http, MigrationService service, OperationRunner runner) =>
            runner.RunAsync<MigrateBatchRequest>(http, service.Database, MigrationService.Batch, MigrationService.ValidateBatch, service.ExecuteBatch))
            .Operation<MigrateBatchRequest, MigrateBatchResponse>("Migrate one batch (once per batch number)");
        group.MapPost("/verify", (HttpContext http, MigrationService service, OperationRunner runner) =>
            runner.RunAsync<VerifyMigrationRequest>(http, service.Database, MigrationService.Verify, MigrationService.ValidateVerify, service.ExecuteVerify))
            .Operation<VerifyMigrationRequest, VerifyMigrationResponse>("Verify the migrated record count");
        group.MapPost("/switch", (HttpContext http, MigrationService service, OperationRunner runner) =>
            runner.RunAsync<SwitchTrafficRequest>(http, service.Database, MigrationService.Switch, MigrationService.ValidateSwitch, service.ExecuteSwitch))
            .Operation<SwitchTrafficRequest, SwitchTrafficResponse>("Switch traffic to the new system");
        group.MapPost("/decommission", (HttpContext http, MigrationService service, OperationRunner runner) =>
            runner.RunAsync<DecommissionRequest>(http, service.Database, MigrationService.Decommission, MigrationService.ValidateDecommission, service.ExecuteDecommission))
            .Operation<DecommissionRequest, DecommissionResponse>("Turn the old system off");
        group.MapGet("/{migrationId}", async (string migrationId, MigrationService service, HttpContext http) =>
            await service.GetAsync(migrationId, http.RequestAborted) is { } progress
                ? Results.Json(progress, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownMigration, $"Migration '{migrationId}' does not exist.", http.Request.Path));
    }
}
