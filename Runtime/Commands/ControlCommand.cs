using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime.Commands;

/// <summary>
/// Terminate, suspend or resume: false when the instance is unknown or finished, else the request (with its reason as
/// the message data) is queued for the instance.
/// </summary>
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
