namespace SagaFunctions.Runtime.Engine;

internal enum MessageKind
{
    Start,
    ActivityCompleted,
    ActivityFailed,
    TimerFired,
    EventRaised,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    Terminate,

    /// <summary>Run an episode with no new event (the orchestrator awaited a foreign task; the episode fails it).</summary>
    Wake,
}
