using SagaFunctions.Runtime.Engine;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime;

// Episodes: apply an instance's new messages, run its code, persist what it did. Dispatcher thread only.
public sealed partial class DurableRuntime
{
    private readonly Dictionary<string, OrchestrationExecution> _cache = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecution> _lru = new();
    private readonly List<int> _doneActivities = [];

    /// <summary>Instances currently held in memory (for tests of the cache bound).</summary>
    internal int CachedInstanceCount => _cache.Count;

    /// <summary>How many times an instance was rebuilt by replaying its history (for tests and benchmarks).</summary>
    internal int ReplayCount { get; private set; }

    /// <summary>
    /// The events a running instance received and never awaited, oldest first per name (rebuilt from history when the
    /// instance is not cached); empty for unknown, pending, suspended or finished instances.
    /// </summary>
    internal IReadOnlyList<BufferedEvent> BufferedEventsOf(string instanceId, DateTime now)
    {
        if (!_cache.TryGetValue(instanceId, out var execution) && _store!.GetInstance(instanceId) is { Status: OrchestrationStatus.Running })
        {
            execution = Load(instanceId, [], now);
        }

        return execution is null ? [] : [.. execution.BufferedEvents().Select(e => new BufferedEvent(e.Name, e.Data))];
    }

    /// <summary>Applies messages to a running instance in one episode (a leading Start starts it).</summary>
    private void RunEpisode(string instanceId, List<InstanceMessage> messages, DateTime now)
    {
        var index = 0;
        OrchestrationExecution? execution;
        var first = messages[0];
        if (first.Kind == MessageKind.Start)
        {
            execution = StartExecution(first, now);
            index = 1;
        }
        else if (!_cache.TryGetValue(instanceId, out execution))
        {
            if (first.Kind == MessageKind.Terminate)
            {
                Terminate(instanceId, null, first.Data, now);
                return;
            }

            execution = Load(instanceId, messages, now);
            if (execution is null)
            {
                return;
            }
        }
        else if (execution.CacheNode is { } node)
        {
            _lru.Remove(node);
            _lru.AddLast(node);
        }

        execution.BeginEpisode(now);
        for (; index < messages.Count; index++)
        {
            var message = messages[index];
            switch (message.Kind)
            {
                case MessageKind.Terminate:
                    FlushHistory(execution);
                    Terminate(instanceId, execution, message.Data, now);
                    return;
                case MessageKind.Wake:
                case MessageKind.Suspend:
                case MessageKind.Resume:
                    // Suspend and resume are taken out by ProcessInstance before an episode runs.
                    break;
                case MessageKind.Start:
                    // A second start in the same round cannot happen (the insert is idempotent); ignore defensively.
                    break;
                case MessageKind.EventRaised:
                    execution.Deliver(HistoryEventKind.EventRaised, 0, message.Name, message.Data);
                    break;
                default:
                    DeliverOutcome(execution, message);
                    break;
            }
        }

        EndEpisode(execution, now);
    }

    private void DeliverOutcome(OrchestrationExecution execution, InstanceMessage message)
    {
        var delivered = message.Generation == execution.Generation
            && execution.Deliver(message.HistoryKind, message.TaskId, message.Name, message.Data);
        if (message.Kind is MessageKind.ActivityCompleted or MessageKind.ActivityFailed)
        {
            if (message.Generation == execution.Generation)
            {
                _doneActivities.Add(message.TaskId); // deleted with the episode's history rows, in one statement
            }
            else
            {
                _store!.DeleteActivity(message.InstanceId, message.Generation, message.TaskId);
            }
        }
        else if (message.Kind == MessageKind.TimerFired && delivered)
        {
            _store!.DeleteTimer(message.InstanceId, message.Generation, message.TaskId);
        }
    }

    private OrchestrationExecution StartExecution(InstanceMessage start, DateTime now)
    {
        var row = start.Row!;
        var execution = new OrchestrationExecution(_services, row, _services.Orchestrators[row.Name]);
        AddToCache(execution);
        execution.Start(now);
        if (start.CarriedEvents is { } carried)
        {
            execution.BeginEpisode(now);
            foreach (var (name, data) in carried)
            {
                execution.Deliver(HistoryEventKind.EventRaised, 0, name, data);
            }
        }

        return execution;
    }

    /// <summary>Rebuilds an instance that is not cached by replaying its history; null when the messages no longer apply.</summary>
    private OrchestrationExecution? Load(string instanceId, List<InstanceMessage> messages, DateTime now)
    {
        var row = _store!.GetInstance(instanceId);
        if (row is null || row.Status.IsFinished())
        {
            // Late outcomes for a finished or purged instance: only clean up leftover work rows.
            foreach (var message in messages)
            {
                if (message.Kind is MessageKind.ActivityCompleted or MessageKind.ActivityFailed)
                {
                    _store.DeleteActivity(message.InstanceId, message.Generation, message.TaskId);
                }
            }

            return null;
        }

        if (!_services.Orchestrators.TryGetValue(row.Name, out var body))
        {
            var error = new UnknownOrchestratorException(row.Name);
            _store.DeleteWork(instanceId);
            _store.UpdateInstance(instanceId, OrchestrationStatus.Failed, row.Generation, row.ExecutionId, row.Input, null, row.CustomStatus,
                new FailureDetails(typeof(UnknownOrchestratorException).FullName!, error.Message), now);
            _finished.Add(new InstanceStatus(instanceId, row.Name, OrchestrationStatus.Failed, Utc(row.CreatedAt), Utc(now), row.Input, null, row.CustomStatus,
                new FailureDetails(typeof(UnknownOrchestratorException).FullName!, error.Message), row.Version, row.TraceParent));
            NotifyParent(row.ParentInstanceId, row.ParentGeneration, row.ParentTaskId, row.Name, null,
                new FailureDetails(typeof(UnknownOrchestratorException).FullName!, error.Message));
            return null;
        }

        var execution = new OrchestrationExecution(_services, row, body);
        execution.Replay(_store.ReadHistory(instanceId));
        ReplayCount++;
        AddToCache(execution);
        return execution;
    }

    /// <summary>Writes the episode's history rows and removes the activities whose results it applied (multi-row statements).</summary>
    private void FlushHistory(OrchestrationExecution execution)
    {
        var rows = execution.NewRows;
        if (rows.Count > 0)
        {
            _store!.AppendHistory(execution.InstanceId, execution.NextSeq, rows);
            execution.NextSeq += rows.Count;
            rows.Clear();
        }

        if (_doneActivities.Count > 0)
        {
            _store!.DeleteActivities(execution.InstanceId, execution.Generation, _doneActivities);
            _doneActivities.Clear();
        }
    }

    private void EndEpisode(OrchestrationExecution execution, DateTime now)
    {
        FlushHistory(execution);
        if (execution.IsDone)
        {
            Finish(execution, now);
            return;
        }

        PersistNewWork(execution, now);
        _store!.UpdateInstance(execution.InstanceId, OrchestrationStatus.Running, execution.Generation, execution.ExecutionId,
            execution.SerializedInput, null, execution.CustomStatusJson, null, now);
        execution.EndEpisode();
    }

    private void PersistNewWork(OrchestrationExecution execution, DateTime now)
    {
        var store = _store!;
        var id = execution.InstanceId;
        var firstActivity = _toDispatch.Count;
        foreach (var task in execution.NewTasks)
        {
            if (task.Cancelled)
            {
                continue;
            }

            switch (task.Kind)
            {
                case PendingTaskKind.Activity:
                    _toDispatch.Add(new ActivityWorkItem(id, execution.Generation, task.TaskId, task.Name, task.Input, execution.TraceParent));
                    break;
                case PendingTaskKind.Timer:
                    store.InsertTimer(id, execution.Generation, task.TaskId, task.FireAt);
                    _toArm.Add((new TimerKey(id, execution.Generation, task.TaskId), task.FireAt));
                    break;
                default:
                    StartChild(execution, task, now);
                    break;
            }
        }

        if (_toDispatch.Count > firstActivity)
        {
            store.InsertActivities(id, execution.Generation, _toDispatch, firstActivity, now + _services.Options.ActivityLease);
        }

        if (execution.CancelledTimers is { } cancelled)
        {
            foreach (var timer in cancelled)
            {
                store.DeleteTimer(id, execution.Generation, timer.TaskId);
                _liveTimers.Remove(new TimerKey(id, execution.Generation, timer.TaskId));
            }
        }
    }

    private void StartChild(OrchestrationExecution parent, PendingTask task, DateTime now)
    {
        var childId = task.ChildInstanceId!;
        var row = new InstanceRow(childId, task.Name, OrchestrationStatus.Running, 1, Guid.NewGuid().ToString("N"), task.Input, null, null, null, null,
            now, now, parent.InstanceId, parent.Generation, task.TaskId, TraceParent: parent.TraceParent);
        if (_store!.InsertInstance(row, now))
        {
            _messages.Add(new InstanceMessage { Kind = MessageKind.Start, InstanceId = childId, Generation = 1, Row = row });
        }
        else
        {
            _messages.Add(new InstanceMessage
            {
                Kind = MessageKind.SubOrchestrationFailed,
                InstanceId = parent.InstanceId,
                Generation = parent.Generation,
                TaskId = task.TaskId,
                Name = typeof(InvalidOperationException).FullName,
                Data = $"Cannot start sub-orchestration '{task.Name}': an instance with id '{childId}' already exists.",
            });
        }
    }

    private void Finish(OrchestrationExecution execution, DateTime now)
    {
        var status = OrchestrationStatus.Completed;
        string? output = null;
        FailureDetails? failure = null;
        var task = execution.OrchestratorTask;
        if (execution.FatalError is { } fatal)
        {
            failure = Describe(fatal);
        }
        else if (task!.IsFaulted)
        {
            failure = Describe(task.Exception!.InnerException ?? task.Exception);
        }
        else if (task.IsCanceled)
        {
            failure = new FailureDetails(typeof(TaskCanceledException).FullName!, $"Orchestrator '{execution.Name}' ended cancelled.");
        }
        else if (execution.ContinueAsNewRequested)
        {
            ContinueAsNew(execution, now);
            return;
        }
        else
        {
            try
            {
                output = _services.Serializer.Serialize(task.Result, "output of orchestrator", execution.Name);
            }
            catch (ArgumentException ex)
            {
                failure = Describe(ex);
            }
        }

        if (failure is not null)
        {
            status = OrchestrationStatus.Failed;
        }

        if (execution.HasPendingTasks || execution.NewTasks.Count > 0 || execution.CancelledTimers is { Count: > 0 })
        {
            _store!.DeleteWork(execution.InstanceId);
            DisarmTimers(execution);
        }

        _store!.UpdateInstance(execution.InstanceId, status, execution.Generation, execution.ExecutionId, execution.SerializedInput, output,
            execution.CustomStatusJson, failure, now);
        execution.EndEpisode();
        RemoveFromCache(execution);
        _finished.Add(new InstanceStatus(execution.InstanceId, execution.Name, status, Utc(execution.CreatedAt), Utc(now), execution.SerializedInput, output,
            execution.CustomStatusJson, failure, execution.Version, execution.TraceParent));
        NotifyParent(execution.ParentInstanceId, execution.ParentGeneration, execution.ParentTaskId, execution.Name, output, failure);
    }

    private void ContinueAsNew(OrchestrationExecution execution, DateTime now)
    {
        var store = _store!;
        var id = execution.InstanceId;
        store.DeleteHistory(id);
        store.DeleteWork(id);
        DisarmTimers(execution);
        var carried = execution.BufferedEvents().ToList();
        var row = new InstanceRow(id, execution.Name, OrchestrationStatus.Running, execution.Generation + 1, Guid.NewGuid().ToString("N"),
            execution.ContinueAsNewInput, null, execution.CustomStatusJson, null, null, execution.CreatedAt, now,
            execution.ParentInstanceId, execution.ParentGeneration, execution.ParentTaskId, execution.Version, execution.TraceParent);
        store.UpdateInstance(id, OrchestrationStatus.Running, row.Generation, row.ExecutionId, row.Input, null, row.CustomStatus, null, now);
        execution.EndEpisode();
        RemoveFromCache(execution);
        _messages.Add(new InstanceMessage
        {
            Kind = MessageKind.Start,
            InstanceId = id,
            Generation = row.Generation,
            Row = row,
            CarriedEvents = carried.Count > 0 ? carried : null,
        });
    }

    private void Terminate(string instanceId, OrchestrationExecution? execution, string? reason, DateTime now)
    {
        var store = _store!;
        InstanceRow? row = null;
        if (execution is null)
        {
            row = store.GetInstance(instanceId);
            if (row is null || row.Status.IsFinished())
            {
                return;
            }
        }

        if (execution is not null)
        {
            DisarmTimers(execution);
            RemoveFromCache(execution);
        }
        else
        {
            foreach (var timer in store.ReadTimers(instanceId))
            {
                _liveTimers.Remove(new TimerKey(timer.InstanceId, timer.Generation, timer.TaskId));
            }
        }

        store.DeleteWork(instanceId);

        var failure = new FailureDetails("SagaFunctions.Runtime.InstanceTerminated", $"Instance '{instanceId}' was terminated: {reason}");
        if (execution is not null)
        {
            store.UpdateInstance(instanceId, OrchestrationStatus.Terminated, execution.Generation, execution.ExecutionId, execution.SerializedInput, reason,
                execution.CustomStatusJson, null, now);
            execution.EndEpisode();
            NotifyParent(execution.ParentInstanceId, execution.ParentGeneration, execution.ParentTaskId, execution.Name, null, failure);
            _finished.Add(new InstanceStatus(instanceId, execution.Name, OrchestrationStatus.Terminated, Utc(execution.CreatedAt), Utc(now),
                execution.SerializedInput, reason, execution.CustomStatusJson, null, execution.Version, execution.TraceParent));
        }
        else
        {
            store.UpdateInstance(instanceId, OrchestrationStatus.Terminated, row!.Generation, row.ExecutionId, row.Input, reason, row.CustomStatus, null, now);
            NotifyParent(row.ParentInstanceId, row.ParentGeneration, row.ParentTaskId, row.Name, null, failure);
            _finished.Add(new InstanceStatus(instanceId, row.Name, OrchestrationStatus.Terminated, Utc(row.CreatedAt), Utc(now), row.Input, reason,
                row.CustomStatus, null, row.Version, row.TraceParent));
        }
    }

    private static DateTimeOffset Utc(DateTime utc) => new(utc.Ticks, TimeSpan.Zero);

    private void NotifyParent(string? parentId, long parentGeneration, int parentTaskId, string name, string? output, FailureDetails? failure)
    {
        if (parentId is null)
        {
            return;
        }

        _messages.Add(new InstanceMessage
        {
            Kind = failure is null ? MessageKind.SubOrchestrationCompleted : MessageKind.SubOrchestrationFailed,
            InstanceId = parentId,
            Generation = parentGeneration,
            TaskId = parentTaskId,
            Name = failure?.ErrorType,
            Data = failure is null ? output : failure.ErrorMessage,
        });
    }

    /// <summary>Forgets the instance's armed timers: still pending ones and those cancelled in this episode.</summary>
    private void DisarmTimers(OrchestrationExecution execution)
    {
        foreach (var timer in execution.PendingTimers)
        {
            _liveTimers.Remove(new TimerKey(execution.InstanceId, execution.Generation, timer.TaskId));
        }

        if (execution.CancelledTimers is { } cancelled)
        {
            foreach (var timer in cancelled)
            {
                _liveTimers.Remove(new TimerKey(execution.InstanceId, execution.Generation, timer.TaskId));
            }
        }
    }

    private static FailureDetails Describe(Exception error) => new(error.GetType().FullName ?? error.GetType().Name, error.Message);

    private void AddToCache(OrchestrationExecution execution)
    {
        if (_cache.Remove(execution.InstanceId, out var previous) && previous.CacheNode is { } node)
        {
            _lru.Remove(node);
        }

        _cache[execution.InstanceId] = execution;
        execution.CacheNode = _lru.AddLast(execution);
    }

    private void RemoveFromCache(OrchestrationExecution execution)
    {
        if (_cache.TryGetValue(execution.InstanceId, out var cached) && ReferenceEquals(cached, execution))
        {
            _cache.Remove(execution.InstanceId);
        }

        if (execution.CacheNode is { } node)
        {
            _lru.Remove(node);
            execution.CacheNode = null;
        }
    }

    private void EvictIdleInstances()
    {
        var max = _services.Options.MaxCachedInstances;
        while (_cache.Count > max && _lru.First is { } oldest)
        {
            RemoveFromCache(oldest.Value);
        }
    }
}
