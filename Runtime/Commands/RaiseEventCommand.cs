using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime.Commands;

internal sealed class RaiseEventCommand(string instanceId, string eventName, string? payload) : ClientCommand<bool>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        var status = runtime.CurrentStatus(instanceId);
        if (status is null)
        {
            SetError(new InstanceNotFoundException(instanceId));
        }
        else if (status.Value.IsFinished())
        {
            SetError(new InstanceCompletedException(instanceId, status.Value));
        }
        else
        {
            runtime.Enqueue(new InstanceMessage { Kind = MessageKind.EventRaised, InstanceId = instanceId, Name = eventName, Data = payload });
            SetResult(true);
        }

        runtime.CompleteAfterCommit(this);
    }
}
