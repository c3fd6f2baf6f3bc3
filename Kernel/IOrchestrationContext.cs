using Microsoft.Extensions.Logging;

namespace SagaFunctions.Kernel;

/// <summary>
/// The engine port: the subset of Durable Task's <c>TaskOrchestrationContext</c> that saga code needs.
/// Orchestration code talks only to this interface, so the Durable Functions adapter is one line per member
/// and the embedded runtime implements the same thing. Every member must be deterministic under replay.
/// </summary>
public interface IOrchestrationContext
{
    /// <summary>The orchestration instance id.</summary>
    string InstanceId { get; }

    /// <summary>The orchestrator name the instance was started with.</summary>
    string Name { get; }

    /// <summary>
    /// The version the instance was started with (Durable's <c>TaskOrchestrationContext.Version</c>); empty when it was
    /// started without one. It never changes while the instance runs.
    /// </summary>
    string Version { get; }

    /// <summary>Replay-safe current time (the time of the episode being replayed).</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-executing recorded history.</summary>
    bool IsReplaying { get; }

    /// <summary>The orchestration input, deserialized.</summary>
    T? GetInput<T>();

    /// <summary>
    /// Schedules an activity. A failure surfaces as <see cref="ActivityFailedException"/>.
    /// <paramref name="retry"/> asks the engine to retry on its own (the kernel runs its own retry loop for steps
    /// and compensations so it can record attempts; engine retries are for plumbing activities such as dead-lettering).
    /// </summary>
    Task<T> CallActivityAsync<T>(string name, object? input = null, RetryPolicy? retry = null);

    /// <summary>A durable timer. Cancelling the token cancels the timer so it does not keep the instance alive.</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event; events raised before the wait are buffered by the engine.</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Runs a sub-orchestration. A failure surfaces as <see cref="ActivityFailedException"/>.</summary>
    Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, string? instanceId = null);

    /// <summary>Restarts the orchestration with a new input and an empty history (bounded history).</summary>
    void ContinueAsNew(object? newInput);

    /// <summary>Publishes progress; readable through the status endpoints.</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>A deterministic GUID (same value on every replay).</summary>
    Guid NewGuid();

    /// <summary>A logger that writes only when not replaying.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
