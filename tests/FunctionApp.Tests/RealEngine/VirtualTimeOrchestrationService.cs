using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// A pass-through decorator of a real Durable Task backend that gives tests a virtual clock for durable timers: the
/// timers an orchestration creates are held here instead of being handed to the backend, and <see cref="FireNextTimerAsync"/>
/// delivers the earliest one (as "fired now"), so a 30-day approval window or a 15-minute seat hold ends when the test
/// says so. Everything else (history, messages, locks, queries) is the backend's own. It also counts the work in
/// flight, so a test can wait until the engine is quiet, and raises the backend's concurrency limits, which as shipped
/// equal the core count.
/// </summary>
internal sealed class VirtualTimeOrchestrationService(IOrchestrationService inner) :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private readonly IOrchestrationServiceClient client = (IOrchestrationServiceClient)inner;
    private readonly object gate = new();
    private readonly List<TaskMessage> timers = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, byte> locked = new(ReferenceEqualityComparer.Instance);
    private long lastChangeTicks = DateTime.UtcNow.Ticks;

    /// <summary>Timers created by orchestrations and not yet fired.</summary>
    public int PendingTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count;
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
            var since = DateTime.UtcNow - new DateTime(Interlocked.Read(ref lastChangeTicks), DateTimeKind.Utc);
            if (locked.IsEmpty && since >= quietFor)
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
        lock (gate)
        {
            if (timers.Count == 0)
            {
                return false;
            }

            var earliest = timers.Min(t => ((TimerFiredEvent)t.Event).FireAt);
            due = [.. timers.Where(t => ((TimerFiredEvent)t.Event).FireAt <= earliest)];
            timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            ((TimerFiredEvent)timer.Event).FireAt = DateTime.UtcNow;
        }

        Touch();
        await client.SendTaskOrchestrationMessageBatchAsync([.. due]);
        return true;
    }

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => 64;

    public int MaxConcurrentTaskActivityWorkItems => 64;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            locked.TryAdd(workItem, 0);
            Touch();
        }

        return workItem!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        lock (gate)
        {
            timers.AddRange(timerMessages);
        }

        Touch();
        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, [], continuedAsNewMessage, orchestrationState);
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
        Release(workItem);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        Release(workItem);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            locked.TryAdd(workItem, 0);
            Touch();
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        Release(workItem);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
        Release(workItem);
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage)
    {
        Touch();
        return client.CreateTaskOrchestrationAsync(creationMessage);
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        Touch();
        return client.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        Touch();
        return client.SendTaskOrchestrationMessageAsync(message);
    }

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        Touch();
        return client.SendTaskOrchestrationMessageBatchAsync(messages);
    }

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        client.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
    {
        Touch();
        return client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
    }

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        client.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        client.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        client.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        client.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)inner).GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(purgeInstanceFilter);

    private void Release(object workItem)
    {
        locked.TryRemove(workItem, out _);
        Touch();
    }

    private void Touch() => Interlocked.Exchange(ref lastChangeTicks, DateTime.UtcNow.Ticks);
}
