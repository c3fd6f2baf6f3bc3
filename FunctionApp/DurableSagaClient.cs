using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// The HTTP contract's orchestration client over Durable's <see cref="DurableTaskClient"/> (the <c>[DurableClient]</c>
/// binding of each HTTP trigger). With <paramref name="claims"/>, a start first claims its instance id atomically
/// (<see cref="IInstanceStartClaims"/>: the Azure Storage provider lets concurrent starts of one new id all through).
/// </summary>
public sealed class DurableSagaClient(DurableTaskClient client, IInstanceStartClaims? claims = null) : ISagaClient
{
    /// <summary>
    /// Starts with dedupe statuses covering every runtime status, so the engine itself refuses an id that exists in any
    /// state (the Azure Storage provider otherwise restarts a finished instance whose id is scheduled again), and checks
    /// existence first for backends that ignore dedupe statuses. The engine's refusal (<see cref="OrchestrationAlreadyExistsException"/>,
    /// or gRPC <c>AlreadyExists</c> / <c>FailedPrecondition</c> through the sidecar) is "already exists"; every other failure propagates.
    /// The version goes on <see cref="StartOrchestrationOptions.Version"/> (the orchestrator reads it as
    /// <see cref="TaskOrchestrationContext.Version"/>) and, for reading it back, on the <see cref="VersionTag"/> tag.
    /// The trace context needs nothing here: the Durable Task client sends <see cref="System.Diagnostics.Activity.Current"/>
    /// (the <c>saga.start</c> span) as the new instance's parent trace context (<see cref="FunctionAppTracing"/>).
    /// </summary>
    public async Task<bool> TryStartAsync(string orchestratorName, string instanceId, object input, string? version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (claims is not null
            && !await claims.TryClaimAsync(instanceId, async ct => await client.GetInstanceAsync(instanceId, false, ct) is not null, cancellationToken))
        {
            return false;
        }

        if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            var options = new StartOrchestrationOptions(InstanceId: instanceId).WithDedupeStatuses(AllStatuses);
            if (!string.IsNullOrEmpty(version))
            {
                options = options with { Version = version, Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [VersionTag] = version } };
            }

            await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellationToken);
            return true;
        }
        catch (Exception ex) when (IsAlreadyExists(ex))
        {
            return false;
        }
        catch when (claims is not null)
        {
            // Not started: give the id back so that a retry of this start can claim it.
            await claims.ReleaseAsync(instanceId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The tag that repeats the start's version: Durable's client reports an instance's tags but not its version
    /// (<see cref="OrchestrationMetadata"/> has no <c>Version</c>), so the views read it from here.
    /// </summary>
    public const string VersionTag = "sagaVersion";

    private static readonly OrchestrationRuntimeStatus[] AllStatuses = Enum.GetValues<OrchestrationRuntimeStatus>();

    private static bool IsAlreadyExists(Exception ex) => ex switch
    {
        OrchestrationAlreadyExistsException => true,
        RpcException { StatusCode: StatusCode.AlreadyExists or StatusCode.FailedPrecondition } => true,
        RpcException { StatusCode: StatusCode.Unknown } rpc => rpc.Status.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase),
        _ => ex.InnerException is { } inner && IsAlreadyExists(inner),
    };
    /// <summary>
    /// Null: Durable's client does not expose the events an orchestration has buffered, so the view says "unknown" rather
    /// than "none".
    /// </summary>
    public Task<IReadOnlyList<ReceivedEvent>?> GetUnconsumedEventsAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReceivedEvent>?>(null);

    public async Task<SagaInstance?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, true, cancellationToken);
        return metadata is null ? null : ToSagaInstance(metadata);
    }

    /// <summary>
    /// One backend page. Durable's query has no orchestrator-name filter, so <see cref="SagaInstanceQuery.OrchestratorName"/>
    /// is applied to the page, which can then hold fewer than <see cref="SagaInstanceQuery.PageSize"/> items (even none)
    /// while a continuation token says more may follow. Each page is sorted newest first. A continuation token the
    /// backend rejects (gRPC <c>InvalidArgument</c> or <c>Unknown</c>) surfaces as <see cref="ArgumentException"/>, as the
    /// seam requires; other failures (unavailable, timeouts) propagate unchanged.
    /// </summary>
    public async Task<SagaInstancePage> QueryAsync(SagaInstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var filter = new OrchestrationQuery(
            CreatedFrom: query.CreatedFrom,
            CreatedTo: query.CreatedTo,
            Statuses: query.RuntimeStatuses?.Select(ParseStatus).ToList(),
            PageSize: query.PageSize,
            FetchInputsAndOutputs: true,
            ContinuationToken: query.ContinuationToken);
        var pages = client.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.PageSize);
        try
        {
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                var instances = new List<SagaInstance>();
                foreach (var metadata in page.Values
                    .Where(m => query.OrchestratorName is null || string.Equals(m.Name, query.OrchestratorName, StringComparison.OrdinalIgnoreCase))
                    .OrderByDescending(m => m.CreatedAt))
                {
                    instances.Add(await WithTagsAsync(metadata, cancellationToken));
                }

                return new SagaInstancePage(instances, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (RpcException ex) when (query.ContinuationToken is not null && ex.StatusCode is StatusCode.InvalidArgument or StatusCode.Unknown)
        {
            // The backend cannot decode a token it did not issue; the query itself is valid, so only the token is to blame.
            throw new ArgumentException(
                $"The continuation token '{query.ContinuationToken}' was not issued by this task hub's instance query.", nameof(query), ex);
        }

        return new SagaInstancePage([], null);
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: reason), cancellationToken);

    /// <summary>Purges the instance and releases its start claim, so that its id can be started afresh.</summary>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var purged = (await client.PurgeInstanceAsync(instanceId, cancellationToken)).PurgedInstanceCount > 0;
        if (purged && claims is not null)
        {
            await claims.ReleaseAsync(instanceId, cancellationToken);
        }

        return purged;
    }

    /// <summary>
    /// The row as a <see cref="SagaInstance"/>. Durable's instance query can return rows without their tags (it does over
    /// the in-process test host's gRPC sidecar), so a row without the version tag is read once more on its own.
    /// </summary>
    private async Task<SagaInstance> WithTagsAsync(OrchestrationMetadata metadata, CancellationToken cancellationToken)
    {
        if (metadata.Tags.ContainsKey(VersionTag))
        {
            return ToSagaInstance(metadata);
        }

        var tags = (await client.GetInstanceAsync(metadata.InstanceId, false, cancellationToken))?.Tags;
        return ToSagaInstance(metadata) with { Version = tags is not null && tags.TryGetValue(VersionTag, out var version) ? version : null };
    }

    private static SagaInstance ToSagaInstance(OrchestrationMetadata metadata) => new(
        metadata.InstanceId,
        metadata.Name,
        metadata.RuntimeStatus.ToString(),
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        metadata.SerializedInput,
        metadata.SerializedOutput,
        metadata.SerializedCustomStatus,
        metadata.FailureDetails?.ErrorType,
        metadata.FailureDetails?.ErrorMessage,
        metadata.Tags.TryGetValue(VersionTag, out var version) ? version : null);

    private static OrchestrationRuntimeStatus ParseStatus(string status) =>
        Enum.GetValues<OrchestrationRuntimeStatus>()
            .Where(value => string.Equals(value.ToString(), status, StringComparison.OrdinalIgnoreCase))
            .Select(value => (OrchestrationRuntimeStatus?)value)
            .FirstOrDefault()
        ?? throw new ArgumentException(
            $"Unknown runtime status '{status}'. Known: {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.",
            nameof(status));
}
