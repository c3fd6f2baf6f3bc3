namespace SagaFunctions.Runtime.Engine;

/// <summary>Kinds of instance messages. Stored as integers in <c>held_messages</c>: never renumber.</summary>
internal enum MessageKind
{
    Start = 0,
    ActivityCompleted = 1,
    ActivityFailed = 2,
    TimerFired = 3,
    EventRaised = 4,
    SubOrchestrationCompleted = 5,
    SubOrchestrationFailed = 6,
    Terminate = 7,

    /// <summary>Run an episode with no new event (the orchestrator awaited a foreign task; the episode fails it).</summary>
    Wake = 8,

    /// <summary>Stop running the instance and hold what arrives for it.</summary>
    Suspend = 9,

    /// <summary>Run the instance again, delivering what was held.</summary>
    Resume = 10,
}
