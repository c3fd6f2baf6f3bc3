namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the environments participant (<c>/participants/environments</c>).</summary>
public sealed class EnvironmentsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Deploys a version to staging or production.</summary>
    public Task<ParticipantResult<DeployResponse>> DeployAsync(string idempotencyKey, DeployRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<DeployRequest, DeployResponse>("participants/environments/deploy", idempotencyKey, request, cancellationToken);

    /// <summary>Runs the integration tests; rejection: <c>tests_failed</c>.</summary>
    public Task<ParticipantResult<RunTestsResponse>> RunTestsAsync(string idempotencyKey, RunTestsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RunTestsRequest, RunTestsResponse>("participants/environments/tests", idempotencyKey, request, cancellationToken);

    /// <summary>Rolls back the deployment made with <see cref="RollbackRequest.DeployKey"/>; a no-op success when there is nothing to roll back.</summary>
    public Task<ParticipantResult<RollbackResponse>> RollbackAsync(string idempotencyKey, RollbackRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RollbackRequest, RollbackResponse>("participants/environments/rollback", idempotencyKey, request, cancellationToken);

    /// <summary>Points DNS at a version.</summary>
    public Task<ParticipantResult<UpdateDnsResponse>> UpdateDnsAsync(string idempotencyKey, UpdateDnsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<UpdateDnsRequest, UpdateDnsResponse>("participants/environments/dns", idempotencyKey, request, cancellationToken);

    /// <summary>Collects (and archives) the deployment's logs.</summary>
    public Task<ParticipantResult<CollectLogsResponse>> CollectLogsAsync(string idempotencyKey, CollectLogsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CollectLogsRequest, CollectLogsResponse>("participants/environments/logs", idempotencyKey, request, cancellationToken);

    /// <summary>The environment, or null when unknown.</summary>
    public Task<EnvironmentView?> GetEnvironmentAsync(string environment, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<EnvironmentView>("participants/environments/" + Uri.EscapeDataString(environment), cancellationToken);
}
