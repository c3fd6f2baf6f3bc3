using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime.Commands;

internal sealed class TerminateCommand(string instanceId, string? reason) : ClientCommand<bool>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        var status = runtime.CurrentStatus(instanceId);
        var running = status is { } s && !s.IsFinished();
        if (running)
        {
            runtime.Enqueue(new InstanceMessage { Kind = MessageKind.Terminate, InstanceId = instanceId, Data = reason });
        }

        SetResult(running);
        runtime.CompleteAfterCommit(this);
    }
}
