using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Engine;

/// <summary>
/// An action the orchestrator scheduled (activity, timer, sub-orchestration) and the task it awaits. The runtime
/// completes it from history, in history order.
/// </summary>
internal abstract class PendingTask
{
    protected PendingTask(int taskId, PendingTaskKind kind, string name)
    {
        TaskId = taskId;
        Kind = kind;
        Name = name;
    }

    public int TaskId { get; }

    public PendingTaskKind Kind { get; }

    public string Name { get; }

    /// <summary>Serialized input (activities and sub-orchestrations).</summary>
    public string? Input { get; init; }

    /// <summary>When a timer is due.</summary>
    public DateTime FireAt { get; init; }

    /// <summary>The child instance id of a sub-orchestration.</summary>
    public string? ChildInstanceId { get; init; }

    /// <summary>A cancelled timer: it neither fires nor stays persisted.</summary>
    public bool Cancelled { get; set; }

    /// <summary>Scheduled in the episode being run (not yet persisted as work).</summary>
    public bool New { get; set; }

    public string Describe() => Kind switch
    {
        PendingTaskKind.Activity => $"activity '{Name}'",
        PendingTaskKind.Timer => "a timer",
        _ => $"sub-orchestration '{Name}'",
    };

    /// <summary>Completes the task with a JSON result (activities, sub-orchestrations) or nothing (timers).</summary>
    public abstract void Complete(string? json, PayloadSerializer serializer);

    public abstract void Fail(string errorType, string errorMessage);

    public abstract void Cancel();
}

/// <summary>A pending task whose awaiter sees a <typeparamref name="T"/>.</summary>
internal sealed class PendingTask<T> : PendingTask
{
    private readonly TaskCompletionSource<T> _source = new();

    public PendingTask(int taskId, PendingTaskKind kind, string name)
        : base(taskId, kind, name)
    {
    }

    public Task<T> Task => _source.Task;

    public override void Complete(string? json, PayloadSerializer serializer)
    {
        T? value;
        try
        {
            value = serializer.Deserialize<T>(json, Kind == PendingTaskKind.Activity ? "output of activity" : "output of sub-orchestration", Name);
        }
        catch (PayloadSerializationException ex)
        {
            _source.TrySetException(ex);
            return;
        }

        _source.TrySetResult(value!);
    }

    public override void Fail(string errorType, string errorMessage) =>
        _source.TrySetException(new ActivityFailedException(Name, errorType, errorMessage));

    public override void Cancel() => _source.TrySetCanceled();
}
