using System.Diagnostics;

namespace SagaFunctions.Runtime;

/// <summary>
/// How <see cref="DurableClient.StartAsync(string, object?, StartOptions, CancellationToken)"/> starts an instance.
/// </summary>
/// <param name="InstanceId">The instance id (null: a new GUID).</param>
/// <param name="Version">The version the instance records (null or empty: none), read by its code as <c>IOrchestrationContext.Version</c>.</param>
/// <param name="TraceParent">
/// A W3C <c>traceparent</c> (<c>00-{trace id}-{span id}-{flags}</c>, e.g. <c>Activity.Current?.Id</c> of the caller's span),
/// or null. It is stored with the instance, reported as <see cref="InstanceStatus.TraceParent"/>, inherited by its
/// sub-orchestrations, kept by continue-as-new and restart, and given to every activity execution of the instance
/// (<see cref="ActivityCall.TraceParent"/>), also after a process restart, so the host can parent the activity's span to it.
/// </param>
public sealed record StartOptions(string? InstanceId = null, string? Version = null, string? TraceParent = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> for a trace parent that is not a W3C <c>traceparent</c>.</summary>
    internal void Validate()
    {
        if (TraceParent is not null && !ActivityContext.TryParse(TraceParent, null, out _))
        {
            throw new ArgumentException(
                $"TraceParent '{TraceParent}' is not a W3C traceparent (00-<32 hex trace id>-<16 hex span id>-<2 hex flags>).", nameof(TraceParent));
        }
    }
}
