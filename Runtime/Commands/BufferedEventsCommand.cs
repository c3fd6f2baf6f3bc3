namespace SagaFunctions.Runtime.Commands;

internal sealed class BufferedEventsCommand(string instanceId) : ClientCommand<IReadOnlyList<BufferedEvent>>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        SetResult(runtime.BufferedEventsOf(instanceId, now));
        runtime.CompleteAfterCommit(this);
    }
}
