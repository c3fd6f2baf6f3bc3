namespace SagaFunctions.Runtime.Storage;

/// <summary>Kinds of history rows (stored as integers: never renumber).</summary>
internal enum HistoryEventKind
{
    Started = 0,
    ActivityScheduled = 1,
    ActivityCompleted = 2,
    ActivityFailed = 3,
    TimerScheduled = 4,
    TimerFired = 5,
    SubOrchestrationScheduled = 6,
    SubOrchestrationCompleted = 7,
    SubOrchestrationFailed = 8,
    EventRaised = 9,
}
