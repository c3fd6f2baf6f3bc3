using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime;

// Suspend and resume. A suspended instance runs no code: what arrives for it is held in the store, in arrival
// order, and delivered when it resumes. Terminate still applies. Dispatcher thread only.
public sealed partial class DurableRuntime
{
    private readonly HashSet<string> _suspended = new(StringComparer.Ordinal);
    private readonly List<InstanceMessage> _runnable = [];

    private void ProcessInstance(string instanceId, List<InstanceMessage> messages, DateTime now)
    {
        if (_suspended.Count == 0 && !messages.Exists(static m => m.Kind is MessageKind.Suspend or MessageKind.Resume))
        {
            RunEpisode(instanceId, messages, now);
            return;
        }

        // Messages before a suspend run first; from the suspend on they are held; a resume releases what was held.
        var runnable = _runnable;
        foreach (var message in messages)
        {
            var suspended = _suspended.Contains(instanceId);
            switch (message.Kind)
            {
                case MessageKind.Suspend when !suspended:
                    RunPending(instanceId, runnable, now);
                    Suspend(instanceId, now);
                    break;
                case MessageKind.Resume when suspended:
                    Resume(instanceId, runnable, now);
                    break;
                case MessageKind.Suspend or MessageKind.Resume:
                    break;
                case MessageKind.Terminate when suspended:
                    _suspended.Remove(instanceId);
                    runnable.Add(message);
                    break;
                default:
                    if (suspended)
                    {
                        Hold(message);
                    }
                    else
                    {
                        runnable.Add(message);
                    }

                    break;
            }
        }

        RunPending(instanceId, runnable, now);
    }

    private void RunPending(string instanceId, List<InstanceMessage> runnable, DateTime now)
    {
        if (runnable.Count > 0)
        {
            try
            {
                RunEpisode(instanceId, runnable, now);
            }
            finally
            {
                runnable.Clear();
            }
        }
    }

    private void Suspend(string instanceId, DateTime now)
    {
        // The episode just run may have finished it; an unknown or finished instance stays as it is.
        if (CurrentStatus(instanceId) is { } status && !status.IsFinished())
        {
            _store!.SetStatus(instanceId, OrchestrationStatus.Suspended, now);
            _suspended.Add(instanceId);
        }
    }

    private void Resume(string instanceId, List<InstanceMessage> runnable, DateTime now)
    {
        var store = _store!;
        _suspended.Remove(instanceId);
        store.SetStatus(instanceId, OrchestrationStatus.Running, now);
        var held = store.TakeHeldMessages(instanceId);

        // A new generation started while suspended (continue-as-new) makes everything held before it stale.
        var from = held.FindLastIndex(static m => m.Kind == (int)MessageKind.Start);
        for (var i = Math.Max(from, 0); i < held.Count; i++)
        {
            var (kind, generation, taskId, name, data) = held[i];
            runnable.Add(new InstanceMessage
            {
                Kind = (MessageKind)kind,
                InstanceId = instanceId,
                Generation = generation,
                TaskId = taskId,
                Name = name,
                Data = data,
                Row = kind == (int)MessageKind.Start ? store.GetInstance(instanceId) : null,
            });
        }
    }

    /// <summary>Keeps a message for a suspended instance; the work row it answers is done with, as on delivery.</summary>
    private void Hold(InstanceMessage message)
    {
        var store = _store!;
        var id = message.InstanceId;
        switch (message.Kind)
        {
            case MessageKind.ActivityCompleted or MessageKind.ActivityFailed:
                store.DeleteActivity(id, message.Generation, message.TaskId);
                break;
            case MessageKind.TimerFired:
                store.DeleteTimer(id, message.Generation, message.TaskId);
                break;
        }

        store.HoldMessage(id, (int)message.Kind, message.Generation, message.TaskId, message.Name, message.Data);
        if (message.CarriedEvents is { } carried)
        {
            foreach (var (name, data) in carried)
            {
                store.HoldMessage(id, (int)MessageKind.EventRaised, message.Generation, 0, name, data);
            }
        }
    }
}
