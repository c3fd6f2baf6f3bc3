using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Payments;

internal static class PaymentsEndpoints
{
    public static void MapPayments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Payments).WithTags(ParticipantCatalog.Payments);
        group.MapPost("/charge", (HttpContext http, PaymentsService service, OperationRunner runner) =>
            runner.RunAsync<ChargeRequest>(http, service.Database, PaymentsService.Charge, PaymentsService.ValidateCharge, service.ExecuteCharge))
            .Operation<ChargeRequest, ChargeResponse>("Charge a customer");
        group.MapPost("/refund", (HttpContext http, PaymentsService service, OperationRunner runner) =>
            runner.RunAsync<RefundRequest>(http, service.Database, PaymentsService.Refund, PaymentsService.ValidateRefund, service.ExecuteRefund))
            .Operation<RefundRequest, RefundResponse>("Refund a charge by its idempotency key");
        group.MapGet("/{paymentId}", async (string paymentId, PaymentsService service, HttpContext http) =>
            await service.GetAsync(paymentId, http.RequestAborted) is { } payment
                ? Results.Json(payment, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.NotFound, $"Payment '{paymentId}' does not exist.", http.Request.Path));
    }
}
