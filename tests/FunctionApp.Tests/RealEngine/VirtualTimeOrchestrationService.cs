using DurableTask.Core;
using DurableTask.Core.History;
using SagaFunctions.Testing;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// A pass-through decorator of a real Durable Task backend that gives tests a virtual clock for durable timers: the
/// timers an orchestration creates are held here instead of being handed to the backend, and <see cref="FireNextTimerAsync"/>
/// delivers the earliest one (as "fired now"), so a 30-day approval window or a 15-minute seat hold ends when the test
/// says so. Everything else (history, messages, locks, queries) is the backend's own. It also counts the work in
/// flight, so a test can wait until the engine is quiet, and raises the backend's concurrency limits, which as shipped
/// equal the core count.
/// </summary>
internal sealed class VirtualTimeOrchestrationService(IOrchestrationService inner) : PassThroughOrchestrationService(inner)
{
    private readonly object _gate = new();
    private readonly List<TaskMessage> _timers = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, byte> _locked = new(ReferenceEqualityComparer.Instance);
    private long _lastChangeTicks = DateTime.UtcNow.Ticks;

    /// <summary>Timers created by orchestrations and not yet fired.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>
    /// Waits until no work item is locked and nothing has changed for <paramref name="quietFor"/>: the engine has
    /// nothing left to do without a timer firing or an event arriving.
    /// </summary>
    public async Task WaitUntilQuietAsync(TimeSpan quietFor, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var since = DateTime.UtcNow - new DateTime(Interlocked.Read(ref _lastChangeTicks), DateTimeKind.Utc);
            if (_locked.IsEmpty && since >= quietFor)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>
    /// Fires the earliest pending timers: every timer due at the earliest due time (the branches of a parallel group
    /// retry at the same instant); false when there is none.
    /// </summary>
    public async Task<bool> FireNextTimerAsync()
    {
        List<TaskMessage> due;
        lock (_gate)
        {
            if (_timers.Count == 0)
            {
                return false;
            }

            var earliest = _timers.Min(t => ((TimerFiredEvent)t.Event).FireAt);
            due = [.. _timers.Where(t => ((TimerFiredEvent)t.Event).FireAt <= earliest)];
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            ((TimerFiredEvent)timer.Event).FireAt = DateTime.UtcNow;
        }

        Touch();
        await InnerClient.SendTaskOrchestrationMessageBatchAsync([.. due]);
        return true;
    }

    public override int MaxConcurrentTaskOrchestrationWorkItems => 64;

    public override int MaxConcurrentTaskActivityWorkItems => 64;

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Locked(await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken));

    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        lock (_gate)
        {
            _timers.AddRange(timerMessages);
        }

        Touch();
        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, [], continuedAsNewMessage, orchestrationState);
    }

    public override async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await base.AbandonTaskOrchestrationWorkItemAsync(workItem);
        Release(workItem);
    }

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await base.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        Release(workItem);
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Locked(await base.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken));

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        Release(workItem);
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await base.AbandonTaskActivityWorkItemAsync(workItem);
        Release(workItem);
    }

    public override Task CreateTaskOrchestrationAsync(TaskMessage creationMessage)
    {
        Touch();
        return base.CreateTaskOrchestrationAsync(creationMessage);
    }

    public override Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        Touch();
        return base.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
    }

    public override Task SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        Touch();
        return base.SendTaskOrchestrationMessageAsync(message);
    }

    public override Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        Touch();
        return base.SendTaskOrchestrationMessageBatchAsync(messages);
    }

    public override Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
    {
        Touch();
        return base.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
    }

    private T Locked<T>(T workItem)
    {
        if (workItem is not null)
        {
            _locked.TryAdd(workItem, 0);
            Touch();
        }

        return workItem;
    }

    private void Release(object workItem)
    {
        _locked.TryRemove(workItem, out _);
        Touch();
    }

    private void Touch() => Interlocked.Exchange(ref _lastChangeTicks, DateTime.UtcNow.Ticks);
}
