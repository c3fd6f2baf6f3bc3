namespace SagaFunctions.Runtime.Commands;

internal sealed class PurgeCommand(string instanceId) : ClientCommand<bool>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        SetResult(runtime.Store.Purge(instanceId));
        runtime.CompleteAfterCommit(this);
    }
}
