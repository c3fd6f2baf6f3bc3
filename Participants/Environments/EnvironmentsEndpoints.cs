using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Environments;

internal static class EnvironmentsEndpoints
{
    public static void MapEnvironments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Environments).WithTags(ParticipantCatalog.Environments);
        group.MapPost("/deploy", (HttpContext http, EnvironmentsService service, OperationRunner runner) =>
            runner.RunAsync<DeployRequest>(http, service.Database, EnvironmentsService.Deploy, EnvironmentsService.ValidateDeploy, service.ExecuteDeploy))
            .Operation<DeployRequest, DeployResponse>("Deploy a version to staging or production");
        group.MapPost("/tests", (HttpContext http, EnvironmentsService service, OperationRunner runner) =>
            runner.RunAsync<RunTestsRequest>(http, service.Database, EnvironmentsService.Tests, EnvironmentsService.ValidateTests, service.ExecuteTests))
            .Operation<RunTestsRequest, RunTestsResponse>("Run the integration tests");
        group.MapPost("/rollback", (HttpContext http, EnvironmentsService service, OperationRunner runner) =>
            runner.RunAsync<RollbackRequest>(http, service.Database, EnvironmentsService.Rollback, EnvironmentsService.ValidateRollback, service.ExecuteRollback))
            .Operation<RollbackRequest, RollbackResponse>("Roll back a deployment by its idempotency key");
        group.MapPost("/dns", (HttpContext http, EnvironmentsService service, OperationRunner runner) =>
            runner.RunAsync<UpdateDnsRequest>(http, service.Database, EnvironmentsService.Dns, EnvironmentsService.ValidateDns, service.ExecuteDns))
            .Operation<UpdateDnsRequest, UpdateDnsResponse>("Point DNS at a version");
        group.MapPost("/logs", (HttpContext http, EnvironmentsService service, OperationRunner runner) =>
            runner.RunAsync<CollectLogsRequest>(http, service.Database, EnvironmentsService.Logs, EnvironmentsService.ValidateLogs, service.ExecuteLogs))
            .Operation<CollectLogsRequest, CollectLogsResponse>("Collect a deployment's logs");
        group.MapGet("/", async (EnvironmentsService service, HttpContext http) =>
            Results.Json(await service.ListAsync(http.RequestAborted), ParticipantJson.Options));
        group.MapGet("/{environment}", async (string environment, EnvironmentsService service, HttpContext http) =>
            await service.GetAsync(environment, http.RequestAborted) is { } view
                ? Results.Json(view, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.NotFound, $"Environment '{environment}' does not exist (staging, production).", http.Request.Path));
    }
}
