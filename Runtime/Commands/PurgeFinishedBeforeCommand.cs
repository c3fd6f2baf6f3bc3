namespace SagaFunctions.Runtime.Commands;

internal sealed class PurgeFinishedBeforeCommand(DateTime before) : ClientCommand<int>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        var count = 0;
        foreach (var id in runtime.Store.FinishedBefore(before))
        {
            if (runtime.Store.Purge(id))
            {
                count++;
            }
        }

        SetResult(count);
        runtime.CompleteAfterCommit(this);
    }
}
