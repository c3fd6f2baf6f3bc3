using SagaFunctions.Runtime.Engine;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime.Commands;

internal sealed class StartCommand(string name, string instanceId, string? input, string version, string? traceParent) : ClientCommand<StartResult>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        var row = new InstanceRow(
            instanceId, name, OrchestrationStatus.Running, 1, Guid.NewGuid().ToString("N"), input, null, null, null, null, now, now, null, 0, 0, version, traceParent);
        var created = runtime.Store.InsertInstance(row, now);
        if (created)
        {
            runtime.Enqueue(new InstanceMessage { Kind = MessageKind.Start, InstanceId = instanceId, Generation = 1, Row = row });
        }

        SetResult(new StartResult(instanceId, created));
        runtime.CompleteAfterCommit(this);
    }
}
