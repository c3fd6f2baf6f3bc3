namespace SagaFunctions.Http;

/// <summary>
/// The engine-neutral orchestration client the HTTP contract is written against. Standalone implements it over
/// the embedded runtime, FunctionApp over Durable's <c>DurableTaskClient</c>, one call per member.
/// </summary>
public interface ISagaClient
{
    /// <summary>
    /// Starts an instance that records <paramref name="version"/> (null: none, for unversioned helpers); returns false
    /// (and starts nothing) when the id already exists. The instance carries the caller's trace context (the
    /// <c>saga.start</c> span, <see cref="Kernel.SagaTracing.CurrentTraceParent"/>), so its activity spans join that trace.
    /// </summary>
    Task<bool> TryStartAsync(string orchestratorName, string instanceId, object input, string? version, CancellationToken cancellationToken);

    /// <summary>The instance, or null when unknown.</summary>
    Task<SagaInstance?> GetAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>One page of instances, newest first. Throws <see cref="ArgumentException"/> for a continuation token the engine did not issue.</summary>
    Task<SagaInstancePage> QueryAsync(SagaInstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Raises an event; the caller checks existence and state first.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken);

    /// <summary>
    /// Events the instance received but has not consumed (no wait for that name yet), oldest first per name; empty when
    /// none, null when the engine cannot tell (Durable Functions does not expose its buffered events).
    /// </summary>
    Task<IReadOnlyList<ReceivedEvent>?> GetUnconsumedEventsAsync(string instanceId, CancellationToken cancellationToken);

    Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance's history; false when unknown.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);
}
