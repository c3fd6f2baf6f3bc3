using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Http.Audit;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary><c>GET /api/audit</c>: one call into the shared <see cref="AuditApi"/>.</summary>
public sealed class AuditHttpFunctions(AuditTrail trail)
{
    [Function(nameof(ListAudit))]
    public Task<IResult> ListAudit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/audit")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new AuditApi(trail).ListAsync(request, cancellationToken);
}
