using Microsoft.Extensions.Logging;
using SagaFunctions.Kernel;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime.Engine;

/// <summary>
/// One live orchestration instance (one generation of it): the port implementation its code runs against, the tasks
/// it awaits, its buffered events. It is either started fresh or rebuilt by replaying its history; afterwards new
/// messages are delivered to it directly (no replay) for as long as it stays cached.
/// </summary>
internal sealed class OrchestrationExecution : IOrchestrationContext
{
    private readonly RuntimeServices _services;
    private readonly Func<IOrchestrationContext, Task<object?>> _body;
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly Dictionary<int, PendingTask> _pending = [];
    private readonly List<PendingTask> _newTasks = [];
    private Dictionary<int, PendingTask>? _unmatched;
    private List<PendingTask>? _cancelledTimers;
    private Dictionary<string, Queue<string?>>? _buffered;
    private Dictionary<string, List<EventWaiter>>? _waiters;
    private List<(CancellationToken Token, object Item)>? _cancellables;
    private Task<object?>? _task;
    private int _nextTaskId;
    private int _guidCounter;

    public OrchestrationExecution(RuntimeServices services, InstanceRow row, Func<IOrchestrationContext, Task<object?>> body)
    {
        _services = services;
        _body = body;
        InstanceId = row.InstanceId;
        Name = row.Name;
        Version = row.Version;
        TraceParent = row.TraceParent;
        Generation = row.Generation;
        ExecutionId = row.ExecutionId;
        SerializedInput = row.Input;
        CustomStatusJson = row.CustomStatus;
        ParentInstanceId = row.ParentInstanceId;
        ParentGeneration = row.ParentGeneration;
        ParentTaskId = row.ParentTaskId;
        CreatedAt = row.CreatedAt;
        CurrentUtcDateTime = row.CreatedAt;
        _sync.AfterDrain = PollCancellations;
        var wake = services.Wake;
        if (wake is not null)
        {
            _sync.ForeignPosted = () => wake(InstanceId);
        }
    }

    public string InstanceId { get; }

    public string Name { get; }

    public string Version { get; }

    /// <summary>The instance's trace parent (<see cref="StartOptions.TraceParent"/>), given to its activities and children.</summary>
    public string? TraceParent { get; }

    public long Generation { get; }

    public string ExecutionId { get; }

    public string? SerializedInput { get; }

    public DateTime CreatedAt { get; }

    public string? ParentInstanceId { get; }

    public long ParentGeneration { get; }

    public int ParentTaskId { get; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; private set; }

    /// <summary>The sequence number the next history row gets.</summary>
    public long NextSeq { get; set; }

    /// <summary>History rows recorded by the current episode, in order; the dispatcher writes and clears them.</summary>
    public List<HistoryRow> NewRows { get; } = [];

    public string? CustomStatusJson { get; private set; }

    public bool CustomStatusChanged { get; set; }

    /// <summary>A runtime-detected failure (non-determinism, foreign await) that fails the instance.</summary>
    public Exception? FatalError { get; private set; }

    public bool ContinueAsNewRequested { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    /// <summary>The orchestrator function's task (null before it started).</summary>
    public Task<object?>? OrchestratorTask => _task;

    /// <summary>True when the orchestrator finished (returned, threw) or the runtime failed it.</summary>
    public bool IsDone => FatalError is not null || (_task?.IsCompleted ?? false);

    /// <summary>Tasks scheduled by the current episode that must become work (activities, timers, children).</summary>
    public List<PendingTask> NewTasks => _newTasks;

    /// <summary>Timers persisted by earlier episodes and cancelled in this one: their rows must go.</summary>
    public List<PendingTask>? CancelledTimers => _cancelledTimers;

    /// <summary>True while any scheduled task is outstanding (its work rows may exist).</summary>
    public bool HasPendingTasks => _pending.Count > 0;

    public IEnumerable<PendingTask> PendingTimers => _pending.Values.Where(t => t.Kind == PendingTaskKind.Timer);

    /// <summary>Cache bookkeeping (least recently used order).</summary>
    public LinkedListNode<OrchestrationExecution>? CacheNode { get; set; }

    /// <summary>Runs the orchestrator for the first time (a new instance or a new generation).</summary>
    public void Start(DateTime now)
    {
        IsReplaying = false;
        CurrentUtcDateTime = now;
        NewRows.Add(new HistoryRow(HistoryEventKind.Started, 0, ExecutionId, null, now));
        InvokeBody();
    }

    /// <summary>Rebuilds the in-memory state by re-executing the orchestrator against its recorded history.</summary>
    public void Replay(List<HistoryRow> history)
    {
        IsReplaying = true;
        _unmatched = [];
        foreach (var row in history)
        {
            CurrentUtcDateTime = row.Timestamp;
            switch (row.Kind)
            {
                case HistoryEventKind.Started:
                    InvokeBody();
                    break;
                case HistoryEventKind.ActivityScheduled:
                case HistoryEventKind.TimerScheduled:
                case HistoryEventKind.SubOrchestrationScheduled:
                    Match(row);
                    break;
                default:
                    if (row.Kind != HistoryEventKind.EventRaised && !_pending.ContainsKey(row.TaskId))
                    {
                        Fail(new NonDeterminismException(InstanceId, row.TaskId, $"{row.Kind} for task {row.TaskId}", "no outstanding task with that id"));
                    }
                    else
                    {
                        _sync.Run(static s => s.Self.Apply(s.Row), (Self: this, Row: row));
                    }

                    break;
            }

            if (FatalError is not null)
            {
                break;
            }
        }

        if (FatalError is null && _unmatched.Count > 0)
        {
            var first = _unmatched.Values.MinBy(t => t.TaskId)!;
            Fail(new NonDeterminismException(InstanceId, first.TaskId, "no further action (end of the recorded history)", first.Describe()));
        }

        _unmatched = null;
        NextSeq = history.Count;
        IsReplaying = false;
    }

    /// <summary>Starts an episode that delivers new messages (not replaying).</summary>
    public void BeginEpisode(DateTime now)
    {
        IsReplaying = false;
        if (now > CurrentUtcDateTime)
        {
            CurrentUtcDateTime = now;
        }

        if (_sync.ForeignPost && FatalError is null)
        {
            Fail(new InvalidOperationException(
                $"Orchestrator '{Name}' awaited a task that the orchestration context did not create (for example Task.Delay, Task.Run or I/O). " +
                "Orchestrator code may only await activities, timers, external events " +
                "and sub-orchestrations of its context."));
        }
    }

    /// <summary>Delivers a new message and records it in history; false (nothing recorded) when it no longer applies.</summary>
    public bool Deliver(HistoryEventKind kind, int taskId, string? name, string? data)
    {
        if (IsDone)
        {
            return false;
        }

        if (kind != HistoryEventKind.EventRaised && (!_pending.TryGetValue(taskId, out var task) || !Completes(kind, task.Kind)))
        {
            return false;
        }

        var row = new HistoryRow(kind, taskId, name, data, CurrentUtcDateTime);
        NewRows.Add(row);
        _sync.Run(static s => s.Self.Apply(s.Row), (Self: this, Row: row));
        return true;
    }

    /// <summary>Clears the per-episode lists once the dispatcher has persisted them.</summary>
    public void EndEpisode()
    {
        foreach (var task in _newTasks)
        {
            task.New = false;
        }

        _newTasks.Clear();
        _cancelledTimers = null;
        NewRows.Clear();
        CustomStatusChanged = false;
    }

    /// <summary>Events that arrived and were never awaited, oldest first per name (carried over by continue-as-new).</summary>
    public IEnumerable<(string Name, string? Data)> BufferedEvents()
    {
        if (_buffered is null)
        {
            yield break;
        }

        foreach (var (name, queue) in _buffered)
        {
            foreach (var data in queue)
            {
                yield return (name, data);
            }
        }
    }

    public T? GetInput<T>() => _services.Serializer.Deserialize<T>(SerializedInput, "input of orchestrator", Name);

    public Task<T> CallActivityAsync<T>(string name, object? input = null, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return retry is { MaxAttempts: > 1 } ? CallActivityWithRetryAsync<T>(name, input, retry) : ScheduleActivity<T>(name, input);
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var timer = new PendingTask<object?>(_nextTaskId++, PendingTaskKind.Timer, "timer") { FireAt = utc };
        Schedule(timer, null);
        if (cancellationToken.CanBeCanceled)
        {
            (_cancellables ??= []).Add((cancellationToken, timer));
        }

        return timer.Task;
    }

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (_buffered is not null && _buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            var data = queue.Dequeue();
            try
            {
                return Task.FromResult(_services.Serializer.Deserialize<T>(data, "payload of event", eventName)!);
            }
            catch (PayloadSerializationException ex)
            {
                return Task.FromException<T>(ex);
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        _waiters ??= new Dictionary<string, List<EventWaiter>>(StringComparer.OrdinalIgnoreCase);
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = [];
            _waiters[eventName] = list;
        }

        var waiter = new EventWaiter<T>(eventName);
        list.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            waiter.List = list;
            (_cancellables ??= []).Add((cancellationToken, waiter));
        }

        return waiter.Task;
    }

    public Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, string? instanceId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (!_services.Orchestrators.ContainsKey(orchestratorName))
        {
            throw new UnknownOrchestratorException(orchestratorName);
        }

        var json = _services.Serializer.Serialize(input, "input of sub-orchestration", orchestratorName);
        var taskId = _nextTaskId++;
        var child = instanceId ?? $"{InstanceId}:{Generation}:{taskId}";
        InstanceIds.Validate(child);
        var task = new PendingTask<T>(taskId, PendingTaskKind.SubOrchestration, orchestratorName) { Input = json, ChildInstanceId = child };
        Schedule(task, child);
        return task.Task;
    }

    public void ContinueAsNew(object? newInput)
    {
        ContinueAsNewInput = _services.Serializer.Serialize(newInput, "input of continue-as-new for orchestrator", Name);
        ContinueAsNewRequested = true;
    }

    public void SetCustomStatus(object? customStatus)
    {
        CustomStatusJson = _services.Serializer.Serialize(customStatus, "custom status of orchestrator", Name);
        CustomStatusChanged = true;
    }

    public Guid NewGuid() =>
        DeterministicGuid.Create(DeterministicGuid.UrlNamespace, $"{InstanceId}_{ExecutionId}_{_guidCounter++}");

    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_services.LoggerFactory.CreateLogger(categoryName), () => IsReplaying);

    private static bool Completes(HistoryEventKind kind, PendingTaskKind taskKind) => kind switch
    {
        HistoryEventKind.ActivityCompleted or HistoryEventKind.ActivityFailed => taskKind == PendingTaskKind.Activity,
        HistoryEventKind.TimerFired => taskKind == PendingTaskKind.Timer,
        HistoryEventKind.SubOrchestrationCompleted or HistoryEventKind.SubOrchestrationFailed => taskKind == PendingTaskKind.SubOrchestration,
        _ => false,
    };

    private static HistoryEventKind ScheduledKind(PendingTaskKind kind) => kind switch
    {
        PendingTaskKind.Activity => HistoryEventKind.ActivityScheduled,
        PendingTaskKind.Timer => HistoryEventKind.TimerScheduled,
        _ => HistoryEventKind.SubOrchestrationScheduled,
    };

    private async Task<T> CallActivityWithRetryAsync<T>(string name, object? input, RetryPolicy retry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ScheduleActivity<T>(name, input);
            }
            catch (ActivityFailedException) when (attempt < retry.MaxAttempts)
            {
                await CreateTimer(CurrentUtcDateTime + retry.DelayBefore(attempt + 1), CancellationToken.None);
            }
        }
    }

    private Task<T> ScheduleActivity<T>(string name, object? input)
    {
        if (!_services.Activities.ContainsKey(name))
        {
            throw new UnknownActivityException(name);
        }

        var json = _services.Serializer.Serialize(input, "input of activity", name);
        var task = new PendingTask<T>(_nextTaskId++, PendingTaskKind.Activity, name) { Input = json };
        Schedule(task, null);
        return task.Task;
    }

    private void Schedule(PendingTask task, string? data)
    {
        _pending[task.TaskId] = task;
        if (IsReplaying)
        {
            _unmatched![task.TaskId] = task;
            return;
        }

        task.New = true;
        _newTasks.Add(task);
        NewRows.Add(new HistoryRow(ScheduledKind(task.Kind), task.TaskId, task.Kind == PendingTaskKind.Timer ? null : task.Name, data, CurrentUtcDateTime));
    }

    private void Match(in HistoryRow row)
    {
        var expected = row.Kind switch
        {
            HistoryEventKind.ActivityScheduled => $"activity '{row.Name}'",
            HistoryEventKind.TimerScheduled => "a timer",
            _ => $"sub-orchestration '{row.Name}'",
        };
        if (!_unmatched!.Remove(row.TaskId, out var task))
        {
            // Code that threw before reaching the recorded action (say, a saga version that is no longer registered)
            // fails with its own exception, which says more than "the code did not schedule this task".
            Fail(_task is { IsFaulted: true } faulted
                ? faulted.Exception.InnerException ?? faulted.Exception
                : new NonDeterminismException(InstanceId, row.TaskId, expected, "nothing (the code did not schedule this task)"));
            return;
        }

        if (ScheduledKind(task.Kind) != row.Kind || (task.Kind != PendingTaskKind.Timer && !string.Equals(task.Name, row.Name, StringComparison.Ordinal)))
        {
            Fail(new NonDeterminismException(InstanceId, row.TaskId, expected, task.Describe()));
        }
    }

    private void Apply(HistoryRow row)
    {
        switch (row.Kind)
        {
            case HistoryEventKind.EventRaised:
                DeliverEvent(row.Name!, row.Data);
                return;
            case HistoryEventKind.ActivityCompleted:
            case HistoryEventKind.SubOrchestrationCompleted:
            case HistoryEventKind.TimerFired:
                if (_pending.Remove(row.TaskId, out var done))
                {
                    done.Complete(row.Data, _services.Serializer);
                }

                return;
            case HistoryEventKind.ActivityFailed:
            case HistoryEventKind.SubOrchestrationFailed:
                if (_pending.Remove(row.TaskId, out var failed))
                {
                    failed.Fail(row.Name ?? "System.Exception", row.Data ?? string.Empty);
                }

                return;
            default:
                return;
        }
    }

    private void DeliverEvent(string name, string? data)
    {
        if (_waiters is not null && _waiters.TryGetValue(name, out var list))
        {
            while (list.Count > 0)
            {
                var waiter = list[0];
                list.RemoveAt(0);
                if (!waiter.IsCompleted)
                {
                    waiter.Deliver(data, _services.Serializer);
                    return;
                }
            }
        }

        _buffered ??= new Dictionary<string, Queue<string?>>(StringComparer.OrdinalIgnoreCase);
        if (!_buffered.TryGetValue(name, out var queue))
        {
            queue = new Queue<string?>();
            _buffered[name] = queue;
        }

        queue.Enqueue(data);
    }

    /// <summary>
    /// Cancels the timers and event waits whose token was cancelled. Tokens are polled (never registered on) each time
    /// the orchestrator's queue drains: a deterministic point, and no callback ever runs on another thread, so even
    /// <c>await cts.CancelAsync()</c> completes synchronously (it has no registrations to run).
    /// </summary>
    private bool PollCancellations()
    {
        if (_cancellables is not { Count: > 0 } items)
        {
            return false;
        }

        var released = false;
        for (var i = 0; i < items.Count; i++)
        {
            var (token, item) = items[i];
            var done = item is PendingTask task ? !_pending.ContainsKey(task.TaskId) : ((EventWaiter)item).IsCompleted;
            if (!done && !token.IsCancellationRequested)
            {
                continue;
            }

            items.RemoveAt(i--);
            if (done)
            {
                continue;
            }

            released = true;
            if (item is PendingTask timer)
            {
                CancelTimer(timer);
            }
            else
            {
                var waiter = (EventWaiter)item;
                waiter.List?.Remove(waiter);
                waiter.Cancel();
            }
        }

        return released;
    }

    private void CancelTimer(PendingTask timer)
    {
        if (!_pending.Remove(timer.TaskId))
        {
            return;
        }

        timer.Cancelled = true;
        if (!IsReplaying && !timer.New)
        {
            (_cancelledTimers ??= []).Add(timer);
        }

        timer.Cancel();
    }

    private void InvokeBody() => _sync.Run(
        static self =>
        {
            try
            {
                self._task = self._body(self) ?? Task.FromResult<object?>(null);
            }
            catch (Exception ex)
            {
                self._task = Task.FromException<object?>(ex);
            }
        },
        this);

    private void Fail(Exception error) => FatalError ??= error;
}
