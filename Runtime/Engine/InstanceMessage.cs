using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime.Engine;

/// <summary>
/// Something that happened to an instance and is applied in its next episode: a start, an activity/timer/child
/// outcome, an external event, a termination. <see cref="Name"/> is the event name or error type,
/// <see cref="Data"/> the JSON payload or error message.
/// </summary>
internal sealed class InstanceMessage
{
    public required MessageKind Kind { get; init; }

    public required string InstanceId { get; init; }

    public long Generation { get; init; }

    public int TaskId { get; init; }

    public string? Name { get; init; }

    public string? Data { get; init; }

    /// <summary>For <see cref="MessageKind.Start"/>: the instance row just written.</summary>
    public InstanceRow? Row { get; init; }

    /// <summary>For a continue-as-new start: the events carried into the new generation.</summary>
    public List<(string Name, string? Data)>? CarriedEvents { get; init; }

    /// <summary>Produced by an activity worker (counts down the outstanding activities).</summary>
    public bool FromWorker { get; init; }

    public HistoryEventKind HistoryKind => Kind switch
    {
        MessageKind.ActivityCompleted => HistoryEventKind.ActivityCompleted,
        MessageKind.ActivityFailed => HistoryEventKind.ActivityFailed,
        MessageKind.TimerFired => HistoryEventKind.TimerFired,
        MessageKind.EventRaised => HistoryEventKind.EventRaised,
        MessageKind.SubOrchestrationCompleted => HistoryEventKind.SubOrchestrationCompleted,
        MessageKind.SubOrchestrationFailed => HistoryEventKind.SubOrchestrationFailed,
        _ => throw new InvalidOperationException($"{Kind} has no history event."),
    };
}
