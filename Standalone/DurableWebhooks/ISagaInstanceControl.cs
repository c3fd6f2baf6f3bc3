using SagaFunctions.Http;

namespace SagaFunctions.Standalone.DurableWebhooks;

/// <summary>
/// Suspend, resume and restart for hosts that serve Durable's instance-management webhooks themselves (Standalone,
/// over the embedded runtime). Deliberately not part of <see cref="ISagaClient"/>: FunctionApp gets these webhooks
/// from the Durable extension. Without an implementation <see cref="DurableWebhookApi"/> answers them with 501.
/// </summary>
public interface ISagaInstanceControl
{
    /// <summary>
    /// Suspends the instance: it reports <c>Suspended</c> and what arrives for it is held until resumed. False when the
    /// instance is unknown or finished; suspending a suspended instance is a no-op that returns true.
    /// </summary>
    Task<bool> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken);

    /// <summary>Resumes a suspended instance (held events are delivered). Same return rule as <see cref="SuspendAsync"/>.</summary>
    Task<bool> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the instance's orchestrator again with its original input, under a new id or (when
    /// <paramref name="restartWithNewInstanceId"/> is false, finished instances only) under the same id. Returns the id of
    /// the started instance. Throws <see cref="KeyNotFoundException"/> for an unknown id and
    /// <see cref="InvalidOperationException"/> for a same-id restart of an instance that has not finished.
    /// </summary>
    Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellationToken);
}
