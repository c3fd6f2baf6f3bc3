using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SagaFunctions.Runtime.Commands;
using SagaFunctions.Runtime.Engine;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime;

// The dispatcher thread: everything below runs on it alone, so none of this state needs locks.
public sealed partial class DurableRuntime
{
    private readonly PriorityQueue<TimerKey, DateTime> _timerHeap = new();
    private readonly Dictionary<TimerKey, DateTime> _liveTimers = [];
    private readonly PriorityQueue<StoredActivity, DateTime> _orphanedActivities = new();
    private readonly Dictionary<string, List<WaitForCompletionCommand>> _completionWaiters = new(StringComparer.Ordinal);
    private readonly List<IdleCommand> _idleWaiters = [];
    private readonly List<ClientCommand> _answers = [];
    private readonly List<ActivityWorkItem> _toDispatch = [];
    private readonly List<(TimerKey Key, DateTime FireAt)> _toArm = [];
    private readonly List<InstanceStatus> _finished = [];
    private List<InstanceMessage> _messages = [];
    private List<InstanceMessage> _round = [];
    private readonly Dictionary<string, List<InstanceMessage>> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _groupOrder = [];
    private readonly Stack<List<InstanceMessage>> _listPool = new();
    private int _activitiesOutstanding;
    private int _seenInboundVersion;
    private int _commitCount;

    /// <summary>Set before start to measure the dispatcher (benchmarks only).</summary>
    internal DispatcherProfile? Profile { get; set; }

    /// <summary>Entries in the timer heap, live or cancelled (for the compaction test).</summary>
    internal int TimerHeapCount => _timerHeap.Count;

    internal void Enqueue(InstanceMessage message) => _messages.Add(message);

    internal void CompleteAfterCommit(ClientCommand command) => _answers.Add(command);

    internal void AddIdleWaiter(IdleCommand command) => _idleWaiters.Add(command);

    internal void AddCompletionWaiter(WaitForCompletionCommand command)
    {
        if (!_completionWaiters.TryGetValue(command.InstanceId, out var list))
        {
            list = [];
            _completionWaiters[command.InstanceId] = list;
        }

        list.Add(command);
    }

    /// <summary>True when the instance is live in memory (so it is running; no read needed).</summary>
    internal bool IsCached(string instanceId) => _cache.ContainsKey(instanceId);

    /// <summary>The status as of this point of the batch (a cached instance that is not suspended is running).</summary>
    internal OrchestrationStatus? CurrentStatus(string instanceId) =>
        _suspended.Contains(instanceId) ? OrchestrationStatus.Suspended
        : _cache.ContainsKey(instanceId) ? OrchestrationStatus.Running
        : _store!.GetInstance(instanceId)?.Status;

    private void Recover()
    {
        _suspended.UnionWith(_store!.SuspendedInstanceIds());

        foreach (var timer in _store.ReadTimers())
        {
            var key = new TimerKey(timer.InstanceId, timer.Generation, timer.TaskId);
            _liveTimers[key] = timer.FireAt;
            _timerHeap.Enqueue(key, timer.FireAt);
        }

        foreach (var activity in _store.ReadActivities())
        {
            // Left by a previous process (crashed or stopped): runnable again once its lease has expired.
            _orphanedActivities.Enqueue(activity, activity.LockedUntil);
        }
    }

    private void DispatchLoop()
    {
        Exception? fault = null;
        try
        {
            while (true)
            {
                SpinForActivityResults();
                List<object> batch;
                lock (_gate)
                {
                    while (_inbound.Count == 0 && !_stopping && !HasDueWork(_clock.UtcNow))
                    {
                        if (_idleWaiters.Count > 0 && _activitiesOutstanding == 0)
                        {
                            foreach (var waiter in _idleWaiters)
                            {
                                waiter.CompleteNow(true);
                            }

                            _idleWaiters.Clear();
                        }

                        _dispatcherWaiting = true;
                        if (Profile is { } waits)
                        {
                            waits.Waits++;
                        }

                        Monitor.Wait(_gate, WaitTimeout());
                        _dispatcherWaiting = false;
                    }

                    if (_stopping)
                    {
                        break;
                    }

                    _seenInboundVersion = _inboundVersion;
                    var max = _services.Options.MaxBatchSize;
                    if (_inbound.Count <= max)
                    {
                        batch = _inbound;
                        _inbound = _drained;
                        _drained = batch;
                    }
                    else
                    {
                        batch = _drained;
                        batch.AddRange(_inbound.GetRange(0, max));
                        _inbound.RemoveRange(0, max);
                    }
                }

                RunBatch(batch);
                batch.Clear();
            }
        }
        catch (SimulatedCrashException ex)
        {
            fault = ex;
        }
        catch (SqliteException ex)
        {
            fault = new DurableStoreException($"The durable store failed: {ex.Message} (SQLite error {ex.SqliteErrorCode}). The runtime stopped; restart it to recover.", ex);
        }
        catch (Exception ex)
        {
            fault = ex;
        }

        Shutdown(fault);
    }

    /// <summary>
    /// While activities are out, a very short spin catches results that are already on their way without blocking
    /// and being woken. Kept tiny: a longer spin steals the core the activity workers need (measured slower).
    /// </summary>
    private void SpinForActivityResults()
    {
        if (_activitiesOutstanding == 0)
        {
            return;
        }

        var spinner = default(SpinWait);
        for (var i = 0; i < 10 && Volatile.Read(ref _inboundVersion) == _seenInboundVersion; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private int WaitTimeout()
    {
        if (_clock.IsVirtual)
        {
            return Timeout.Infinite;
        }

        var next = DateTime.MaxValue;
        if (_timerHeap.TryPeek(out _, out var timerAt))
        {
            next = timerAt;
        }

        if (_orphanedActivities.TryPeek(out _, out var leaseAt) && leaseAt < next)
        {
            next = leaseAt;
        }

        if (next == DateTime.MaxValue)
        {
            return Timeout.Infinite;
        }

        var ms = (next - _clock.UtcNow).TotalMilliseconds;
        return (int)Math.Clamp(Math.Ceiling(ms), 1, 1000);
    }

    private bool HasDueWork(DateTime now)
    {
        while (_timerHeap.TryPeek(out var key, out _) && !_liveTimers.ContainsKey(key))
        {
            _timerHeap.Dequeue();
        }

        return (_timerHeap.TryPeek(out _, out var fireAt) && fireAt <= now)
            || (_orphanedActivities.TryPeek(out _, out var leaseAt) && leaseAt <= now);
    }

    /// <summary>
    /// Cancelled timers leave their heap entry behind (removed lazily when it reaches the top). When those dead
    /// entries outnumber the live timers, the heap is rebuilt from the live ones so a stream of cancelled 30-day
    /// timeouts cannot grow it without bound.
    /// </summary>
    private void CompactTimerHeap()
    {
        if (_timerHeap.Count < 1024 || _timerHeap.Count < 2 * _liveTimers.Count)
        {
            return;
        }

        _timerHeap.Clear();
        foreach (var (key, fireAt) in _liveTimers)
        {
            _timerHeap.Enqueue(key, fireAt);
        }
    }

    private void RunBatch(List<object> batch)
    {
        var profile = Profile;
        var started = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var now = _clock.UtcNow;
        var store = _store!;
        store.Begin();
        try
        {
            CollectDueWork(now);
            foreach (var item in batch)
            {
                if (item is InstanceMessage message)
                {
                    if (message.FromWorker)
                    {
                        _activitiesOutstanding--;
                    }

                    _messages.Add(message);
                }
                else
                {
                    ((ClientCommand)item).Execute(this, now);
                }
            }

            RunMessages(now);
        }
        catch
        {
            store.Rollback();
            throw;
        }

        var wrote = store.HasWrites;
        var committing = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        store.Commit();
        var committed = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        if (wrote)
        {
            var point = ++_commitCount;
            _hooks?.OnCommitted?.Invoke(point);
            if (_hooks?.CrashAfterCommitPoint == point)
            {
                throw new SimulatedCrashException(point);
            }
        }

        AfterCommit();
        if (profile is not null)
        {
            profile.Batches++;
            profile.WritingCommits += wrote ? 1 : 0;
            profile.WorkTicks += committing - started;
            profile.CommitTicks += committed - committing;
            profile.AfterCommitTicks += System.Diagnostics.Stopwatch.GetTimestamp() - committed;
        }
    }

    private void CollectDueWork(DateTime now)
    {
        while (_timerHeap.TryPeek(out var key, out var at) && at <= now)
        {
            _timerHeap.Dequeue();
            if (_liveTimers.Remove(key))
            {
                _messages.Add(new InstanceMessage { Kind = MessageKind.TimerFired, InstanceId = key.InstanceId, Generation = key.Generation, TaskId = key.TaskId });
            }
        }

        while (_orphanedActivities.TryPeek(out var activity, out var until) && until <= now)
        {
            _orphanedActivities.Dequeue();
            _store!.LeaseActivity(activity.InstanceId, activity.Generation, activity.TaskId, now + _services.Options.ActivityLease);
            _toDispatch.Add(new ActivityWorkItem(activity.InstanceId, activity.Generation, activity.TaskId, activity.Name, activity.Input, activity.TraceParent));
        }
    }

    private void RunMessages(DateTime now)
    {
        while (_messages.Count > 0)
        {
            (_round, _messages) = (_messages, _round);
            foreach (var message in _round)
            {
                if (!_groups.TryGetValue(message.InstanceId, out var list))
                {
                    list = _listPool.Count > 0 ? _listPool.Pop() : [];
                    _groups[message.InstanceId] = list;
                    _groupOrder.Add(message.InstanceId);
                }

                list.Add(message);
            }

            _round.Clear();
            foreach (var id in _groupOrder)
            {
                var list = _groups[id];
                ProcessInstance(id, list, now);
                list.Clear();
                _listPool.Push(list);
            }

            _groups.Clear();
            _groupOrder.Clear();
        }
    }

    private void AfterCommit()
    {
        foreach (var item in _toDispatch)
        {
            _activitiesOutstanding++;
            _activityQueue.Writer.TryWrite(item);
        }

        _toDispatch.Clear();
        foreach (var (key, fireAt) in _toArm)
        {
            _liveTimers[key] = fireAt;
            _timerHeap.Enqueue(key, fireAt);
        }

        _toArm.Clear();
        CompactTimerHeap();
        foreach (var answer in _answers)
        {
            answer.Complete();
        }

        _answers.Clear();
        if (_completionWaiters.Count > 0)
        {
            foreach (var status in _finished)
            {
                if (_completionWaiters.Remove(status.InstanceId, out var waiters))
                {
                    foreach (var waiter in waiters)
                    {
                        waiter.CompleteNow(status);
                    }
                }
            }
        }

        _finished.Clear();
        EvictIdleInstances();
    }

    private void Shutdown(Exception? fault)
    {
        var error = fault ?? new ObjectDisposedException(nameof(DurableRuntime), "The durable runtime has been disposed.");
        List<object> pending;
        lock (_gate)
        {
            _fault = fault;
            _stopping = true;
            pending = [.. _inbound];
            _inbound.Clear();
        }

        if (fault is not null)
        {
            _logger.LogError(fault, "The durable runtime stopped: {Message}", fault.Message);
        }

        _shutdown.Cancel();
        foreach (var item in pending)
        {
            (item as ClientCommand)?.Fail(error);
        }

        foreach (var answer in _answers)
        {
            answer.Fail(error);
        }

        foreach (var waiter in _idleWaiters)
        {
            waiter.Fail(error);
        }

        foreach (var waiters in _completionWaiters.Values)
        {
            foreach (var waiter in waiters)
            {
                waiter.Fail(error);
            }
        }

        _answers.Clear();
        _idleWaiters.Clear();
        _completionWaiters.Clear();
        _cache.Clear();
        _lru.Clear();
        _store?.Dispose();
        _stopped.TrySetResult();
    }
}
