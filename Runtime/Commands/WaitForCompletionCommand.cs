namespace SagaFunctions.Runtime.Commands;

internal sealed class WaitForCompletionCommand(string instanceId) : ClientCommand<InstanceStatus>
{
    public string InstanceId => instanceId;

    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        if (runtime.IsCached(instanceId))
        {
            runtime.AddCompletionWaiter(this);
            return;
        }

        var row = runtime.Store.GetInstance(instanceId);
        if (row is null)
        {
            SetError(new InstanceNotFoundException(instanceId));
            runtime.CompleteAfterCommit(this);
        }
        else if (row.Status.IsFinished())
        {
            SetResult(row.ToStatus(includePayloads: true));
            runtime.CompleteAfterCommit(this);
        }
        else
        {
            runtime.AddCompletionWaiter(this);
        }
    }
}
