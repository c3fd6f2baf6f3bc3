using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime.Commands;

/// <summary>Suspend or resume: false when the instance is unknown or finished, else the request is queued for it.</summary>
internal sealed class ControlCommand(MessageKind kind, string instanceId, string? reason) : ClientCommand<bool>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        var status = runtime.CurrentStatus(instanceId);
        var live = status is { } s && !s.IsFinished();
        if (live)
        {
            runtime.Enqueue(new InstanceMessage { Kind = kind, InstanceId = instanceId, Data = reason });
        }

        SetResult(live);
        runtime.CompleteAfterCommit(this);
    }
}
