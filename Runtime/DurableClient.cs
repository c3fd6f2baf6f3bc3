using SagaFunctions.Runtime.Commands;
using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime;

/// <summary>
/// The runtime's client (Durable's <c>DurableTaskClient</c> subset). Every call is validated before anything is
/// written; write calls return once their effect is committed.
/// </summary>
public sealed class DurableClient
{
    private readonly DurableRuntime _runtime;
    private readonly RuntimeServices _services;

    internal DurableClient(DurableRuntime runtime, RuntimeServices services)
    {
        _runtime = runtime;
        _services = services;
    }

    /// <summary>
    /// Starts an orchestration. A caller-chosen <paramref name="instanceId"/> that already exists starts nothing and
    /// returns <c>Created = false</c>. Throws <see cref="UnknownOrchestratorException"/>, <see cref="PayloadTooLargeException"/>
    /// or <see cref="PayloadSerializationException"/> before writing anything.
    /// </summary>
    public Task<StartResult> StartAsync(string orchestratorName, object? input, string? instanceId = null, CancellationToken cancellationToken = default) =>
        StartAsync(orchestratorName, input, instanceId, null, cancellationToken);

    /// <summary>
    /// Starts an orchestration that records <paramref name="version"/> (null or empty: none): its code reads it as
    /// <c>IOrchestrationContext.Version</c> on every episode, and status and queries report it. Otherwise as
    /// <see cref="StartAsync(string, object?, string?, CancellationToken)"/>.
    /// </summary>
    public Task<StartResult> StartAsync(string orchestratorName, object? input, string? instanceId, string? version, CancellationToken cancellationToken = default) =>
        StartAsync(orchestratorName, input, new StartOptions(instanceId, version), cancellationToken);

    /// <summary>
    /// Starts an orchestration as <paramref name="options"/> say (id, version, trace parent). Throws
    /// <see cref="ArgumentException"/> for a trace parent that is not a W3C <c>traceparent</c>; otherwise as
    /// <see cref="StartAsync(string, object?, string?, CancellationToken)"/>.
    /// </summary>
    public Task<StartResult> StartAsync(string orchestratorName, object? input, StartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        ArgumentNullException.ThrowIfNull(options);
        if (!_services.Orchestrators.ContainsKey(orchestratorName))
        {
            throw new UnknownOrchestratorException(orchestratorName);
        }

        var id = options.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(id, nameof(options.InstanceId));
        options.Validate();
        var json = _services.Serializer.Serialize(input, "input of orchestrator", orchestratorName);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new StartCommand(orchestratorName, id, json, options.Version ?? string.Empty, options.TraceParent));
    }

    /// <summary>
    /// Raises an event; it is buffered until the orchestrator waits for it (FIFO per name).
    /// Throws <see cref="InstanceNotFoundException"/> (unknown id) or <see cref="InstanceCompletedException"/> (finished: gone).
    /// </summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var json = _services.Serializer.Serialize(payload, "payload of event", eventName);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new RaiseEventCommand(instanceId, eventName, json));
    }

    /// <summary>The instance's status, or null when unknown.</summary>
    public Task<InstanceStatus?> GetStatusAsync(string instanceId, bool includePayloads = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new GetStatusCommand(instanceId, includePayloads));
    }

    /// <summary>
    /// Events the instance received and has not awaited (no wait for that name yet), oldest first per name; empty when
    /// there are none or the instance is unknown, pending, suspended or finished.
    /// </summary>
    public Task<IReadOnlyList<BufferedEvent>> GetBufferedEventsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new BufferedEventsCommand(instanceId));
    }

    /// <summary>One page of instances matching <paramref name="query"/>, newest first.</summary>
    public Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 10_000, nameof(query));
        if (query.CreatedFrom > query.CreatedTo)
        {
            throw new ArgumentException("CreatedFrom is after CreatedTo.", nameof(query));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new QueryCommand(query));
    }

    /// <summary>Terminates a running instance (its output becomes <paramref name="reason"/>); false when unknown or already finished.</summary>
    public Task<bool> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var json = _services.Serializer.Serialize(reason, "termination reason", instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new ControlCommand(MessageKind.Terminate, instanceId, json));
    }

    /// <summary>
    /// Suspends a running instance: its code stops running and everything that arrives for it (activity results,
    /// fired timers, events) is held durably until <see cref="ResumeAsync"/>. Activities already running finish.
    /// Returns false when the instance is unknown or finished; suspending a suspended instance is a no-op that returns true.
    /// </summary>
    public Task<bool> SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(MessageKind.Suspend, instanceId, reason, cancellationToken);

    /// <summary>
    /// Resumes a suspended instance: what was held is delivered in arrival order. Returns false when the instance is
    /// unknown or finished; resuming an instance that is not suspended is a no-op that returns true.
    /// </summary>
    public Task<bool> ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(MessageKind.Resume, instanceId, reason, cancellationToken);

    /// <summary>
    /// Starts the instance's orchestrator again with its input, under a new generated id or, when
    /// <paramref name="restartWithNewInstanceId"/> is false, under the same id (the old history is replaced; only a
    /// finished instance can be restarted that way). Returns the id of the started instance. Throws
    /// <see cref="InstanceNotFoundException"/> for an unknown id and <see cref="InvalidOperationException"/> for a
    /// same-id restart of an instance that has not finished.
    /// </summary>
    public Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new RestartCommand(instanceId, restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : null));
    }

    /// <summary>Deletes a finished instance and its history; false when unknown or not finished.</summary>
    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new PurgeCommand(instanceId));
    }

    /// <summary>Deletes every instance that finished before <paramref name="finishedBefore"/>; returns how many.</summary>
    public Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new PurgeFinishedBeforeCommand(finishedBefore.UtcDateTime));
    }

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns its final status (with payloads).</summary>
    public Task<InstanceStatus> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new WaitForCompletionCommand(instanceId)).WaitAsync(cancellationToken);
    }

    private Task<bool> Control(MessageKind kind, string instanceId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return _runtime.Submit(new ControlCommand(kind, instanceId, reason));
    }
}
