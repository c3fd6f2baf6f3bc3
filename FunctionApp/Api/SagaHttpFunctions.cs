using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.Http;
using SagaFunctions.Http.Audit;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>
/// The saga routes (docs/architecture.md, "HTTP contract"), each one call into the shared <see cref="SagaApi"/> over
/// <see cref="DurableSagaClient"/>.
/// </summary>
public sealed class SagaHttpFunctions(
    SagaRegistry registry, SagaHttpOptions options, IDeadLetterStore deadLetters, TimeProvider time, IInstanceStartClaims claims, AuditTrail audit)
{
    [Function(nameof(StartSaga))]
    public async Task<IResult> StartSaga(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sagas/{saga}/{instanceId?}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        string? instanceId,
        CancellationToken cancellationToken) =>
        await Api(client).StartAsync(request, saga, instanceId, cancellationToken);

    [Function(nameof(GetSaga))]
    public Task<IResult> GetSaga(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/sagas/{saga}/{instanceId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        string instanceId,
        CancellationToken cancellationToken) =>
        Api(client).GetAsync(request, saga, instanceId, cancellationToken);

    [Function(nameof(RaiseSagaEvent))]
    public Task<IResult> RaiseSagaEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sagas/{saga}/{instanceId}/events/{eventName}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        string instanceId,
        string eventName,
        CancellationToken cancellationToken) =>
        Api(client).RaiseEventAsync(request, saga, instanceId, eventName, cancellationToken);

    [Function(nameof(CancelSaga))]
    public Task<IResult> CancelSaga(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sagas/{saga}/{instanceId}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        string instanceId,
        CancellationToken cancellationToken) =>
        Api(client).CancelAsync(request, saga, instanceId, cancellationToken);

    [Function(nameof(RetrySagaStep))]
    public Task<IResult> RetrySagaStep(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sagas/{saga}/{instanceId}/retry")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        string instanceId,
        CancellationToken cancellationToken) =>
        Api(client).RetryStepAsync(request, saga, instanceId, cancellationToken);

    [Function(nameof(TerminateSaga))]
    public Task<IResult> TerminateSaga(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sagas/{saga}/{instanceId}/terminate")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        string instanceId,
        CancellationToken cancellationToken) =>
        Api(client).TerminateAsync(request, saga, instanceId, cancellationToken);

    [Function(nameof(ListSagas))]
    public Task<IResult> ListSagas(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/sagas")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Api(client).ListAsync(request, cancellationToken);

    /// <summary><c>GET /api/sagas/stats</c>; the Functions host routes the literal segment ahead of <c>sagas/{saga}</c>.</summary>
    [Function(nameof(GetSagaStats))]
    public Task<IResult> GetSagaStats(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/sagas/stats")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Api(client).StatsAsync(request, cancellationToken);

    [Function(nameof(ListSagasOfOne))]
    public Task<IResult> ListSagasOfOne(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/sagas/{saga}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string saga,
        CancellationToken cancellationToken) =>
        Api(client).ListAsync(request, saga, cancellationToken);

    /// <summary>The shared API over this invocation's client; starts answer with Durable's management URLs (<see cref="DurableCheckStatus"/>).</summary>
    private SagaApi Api(DurableTaskClient client) =>
        new(new DurableSagaClient(client, claims), registry, options, DurableCheckStatus.For(client), deadLetters, time, DurableCheckStatus.Urls(client), audit);
}
