using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Claims;

internal static class ClaimsEndpoints
{
    public static void MapClaims(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Claims).WithTags(ParticipantCatalog.Claims);
        group.MapPost("/validate", (HttpContext http, ClaimsService service, OperationRunner runner) =>
            runner.RunAsync<ValidateClaimRequest>(http, service.Database, ClaimsService.Validate, ClaimsService.ValidateValidate, service.ExecuteValidate))
            .Operation<ValidateClaimRequest, ValidateClaimResponse>("Validate a claim");
        group.MapPost("/records", (HttpContext http, ClaimsService service, OperationRunner runner) =>
            runner.RunAsync<RequestRecordsRequest>(http, service.Database, ClaimsService.Records, ClaimsService.ValidateRecords, service.ExecuteRecords))
            .Operation<RequestRecordsRequest, RequestRecordsResponse>("Request medical records");
        group.MapPost("/pay", (HttpContext http, ClaimsService service, OperationRunner runner) =>
            runner.RunAsync<PayClaimRequest>(http, service.Database, ClaimsService.Pay, ClaimsService.ValidatePay, service.ExecutePay))
            .Operation<PayClaimRequest, PayClaimResponse>("Pay a claim");
        group.MapPost("/refund", (HttpContext http, ClaimsService service, OperationRunner runner) =>
            runner.RunAsync<RefundClaimRequest>(http, service.Database, ClaimsService.Refund, ClaimsService.ValidateRefund, service.ExecuteRefund))
            .Operation<RefundClaimRequest, RefundClaimResponse>("Take back a claim payment by its idempotency key");
        group.MapPost("/close", (HttpContext http, ClaimsService service, OperationRunner runner) =>
            runner.RunAsync<CloseClaimRequest>(http, service.Database, ClaimsService.Close, ClaimsService.ValidateClose, service.ExecuteClose))
            .Operation<CloseClaimRequest, CloseClaimResponse>("Close a claim");
        group.MapGet("/{claimId}", async (string claimId, ClaimsService service, HttpContext http) =>
            await service.GetAsync(claimId, http.RequestAborted) is { } claim
                ? Results.Json(claim, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownClaim, $"Claim '{claimId}' does not exist.", http.Request.Path));
    }
}
