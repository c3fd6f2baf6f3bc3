using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.Http;
using SagaFunctions.Http.Audit;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>The dead-letter routes (docs/architecture.md, "HTTP contract"), each one call into the shared <see cref="DeadLetterApi"/>.</summary>
public sealed class DeadLetterHttpFunctions(IDeadLetterStore store, SagaHttpOptions options, TimeProvider time, IInstanceStartClaims claims, AuditTrail audit)
{
    [Function(nameof(ListDeadLetters))]
    public Task<IResult> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dead-letters")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Api(client).ListAsync(request, cancellationToken);

    [Function(nameof(GetDeadLetter))]
    public Task<IResult> GetDeadLetter(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dead-letters/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken) =>
        Api(client).GetAsync(request, id, cancellationToken);

    /// <summary>Starts the <c>RetryDeadLetter</c> orchestration; answers with Durable's check-status response.</summary>
    [Function(nameof(StartDeadLetterRetry))]
    public async Task<IResult> StartDeadLetterRetry(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dead-letters/{id}/retry")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken) =>
        await Api(client).RetryAsync(request, id, cancellationToken);

    [Function(nameof(ResolveDeadLetter))]
    public Task<IResult> ResolveDeadLetter(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dead-letters/{id}/resolve")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken) =>
        Api(client).ResolveAsync(request, id, cancellationToken);

    /// <summary>The shared API over this invocation's client; a retry answers with Durable's management URLs (<see cref="DurableCheckStatus"/>).</summary>
    private DeadLetterApi Api(DurableTaskClient client) =>
        new(store, new DurableSagaClient(client, claims), options, time, DurableCheckStatus.For(client), audit);
}
