namespace SagaFunctions.Runtime.Commands;

internal sealed class GetStatusCommand(string instanceId, bool includePayloads) : ClientCommand<InstanceStatus?>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        SetResult(runtime.Store.GetInstance(instanceId)?.ToStatus(includePayloads));
        runtime.CompleteAfterCommit(this);
    }
}
