using SagaFunctions.Http;
using SagaFunctions.Kernel;
using SagaFunctions.Runtime;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone.RuntimeHosting;

/// <summary>
/// The HTTP contract's <see cref="ISagaClient"/> and <see cref="ISagaInstanceControl"/> over the embedded runtime's
/// <see cref="DurableClient"/>, one call per member.
/// </summary>
public sealed class RuntimeSagaClient(EmbeddedRuntime runtime) : ISagaClient, ISagaInstanceControl
{
    private DurableClient Client => runtime.Client;

    /// <summary>Starts with the current span's trace context (<see cref="SagaTracing.CurrentTraceParent"/>) as the instance's trace parent.</summary>
    public async Task<bool> TryStartAsync(string orchestratorName, string instanceId, object input, string? version, CancellationToken cancellationToken) =>
        (await Client.StartAsync(orchestratorName, input, new StartOptions(instanceId, version, SagaTracing.CurrentTraceParent), cancellationToken)).Created;

    public async Task<SagaInstance?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        await Client.GetStatusAsync(instanceId, includePayloads: true, cancellationToken) is { } status ? ToInstance(status) : null;

    public async Task<SagaInstancePage> QueryAsync(SagaInstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statuses = query.RuntimeStatuses?.Select(s => Enum.Parse<OrchestrationStatus>(s, ignoreCase: true)).ToArray();
        var page = await Client.QueryAsync(
            new InstanceQuery(statuses, query.OrchestratorName, query.CreatedFrom, query.CreatedTo, query.PageSize, query.ContinuationToken, IncludePayloads: true),
            cancellationToken);
        return new SagaInstancePage(page.Instances.Select(ToInstance).ToList(), page.ContinuationToken);
    }

    /// <summary>
    /// Raises the event. The HTTP layer checked existence and state just before; if the instance finished (or was
    /// purged) in between, the event is dropped, exactly as Durable drops events sent to completed instances.
    /// </summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        try
        {
            await Client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        }
        catch (InstanceCompletedException)
        {
        }
        catch (InstanceNotFoundException)
        {
        }
    }

    public async Task<IReadOnlyList<ReceivedEvent>?> GetUnconsumedEventsAsync(string instanceId, CancellationToken cancellationToken) =>
        [.. (await Client.GetBufferedEventsAsync(instanceId, cancellationToken)).Select(e => new ReceivedEvent(e.Name, SagaHttpJson.ParseOrNull(e.SerializedPayload)))];

    public Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        Client.TerminateAsync(instanceId, reason, cancellationToken);

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
        Client.PurgeAsync(instanceId, cancellationToken);

    public Task<bool> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        Client.SuspendAsync(instanceId, reason, cancellationToken);

    public Task<bool> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        Client.ResumeAsync(instanceId, reason, cancellationToken);

    /// <summary>The runtime's <see cref="InstanceNotFoundException"/> becomes the contract's <see cref="KeyNotFoundException"/>.</summary>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.RestartAsync(instanceId, restartWithNewInstanceId, cancellationToken);
        }
        catch (InstanceNotFoundException e)
        {
            throw new KeyNotFoundException(e.Message, e);
        }
    }

    internal static SagaInstance ToInstance(InstanceStatus status) => new(
        status.InstanceId,
        status.Name,
        status.RuntimeStatus.ToString(),
        status.CreatedAt,
        status.LastUpdatedAt,
        status.SerializedInput,
        status.SerializedOutput,
        status.SerializedCustomStatus,
        status.FailureDetails?.ErrorType,
        status.FailureDetails?.ErrorMessage,
        status.Version);
}
