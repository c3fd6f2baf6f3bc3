namespace SagaFunctions.Runtime.Commands;

internal sealed class QueryCommand(InstanceQuery query) : ClientCommand<InstancePage>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        try
        {
            SetResult(runtime.Store.Query(query));
        }
        catch (ArgumentException ex)
        {
            SetError(ex);
        }

        runtime.CompleteAfterCommit(this);
    }
}
