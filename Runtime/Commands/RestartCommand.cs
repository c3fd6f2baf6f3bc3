using SagaFunctions.Runtime.Engine;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime.Commands;

/// <summary>
/// Starts an instance's orchestrator again with its current input: under <paramref name="newInstanceId"/>, or (null)
/// under the same id after purging the finished original, in the same transaction. The new instance keeps the original's version and trace parent.
/// </summary>
internal sealed class RestartCommand(string instanceId, string? newInstanceId) : ClientCommand<string>
{
    public override void Execute(DurableRuntime runtime, DateTime now)
    {
        runtime.CompleteAfterCommit(this);
        var original = runtime.Store.GetInstance(instanceId);
        if (original is null)
        {
            SetError(new InstanceNotFoundException(instanceId));
            return;
        }

        var id = newInstanceId ?? instanceId;
        if (newInstanceId is null)
        {
            var status = runtime.CurrentStatus(instanceId)!.Value;
            if (!status.IsFinished())
            {
                SetError(new InvalidOperationException(
                    $"Orchestration instance '{instanceId}' is {status}; only a finished instance can be restarted under the same id. Terminate it first or restart it with a new id."));
                return;
            }

            runtime.Store.Purge(instanceId);
        }

        var row = new InstanceRow(
            id, original.Name, OrchestrationStatus.Running, 1, Guid.NewGuid().ToString("N"), original.Input, null, null, null, null, now, now, null, 0, 0, original.Version, original.TraceParent);
        if (!runtime.Store.InsertInstance(row, now))
        {
            SetError(new InvalidOperationException($"Cannot restart '{instanceId}': an instance with id '{id}' already exists."));
            return;
        }

        runtime.Enqueue(new InstanceMessage { Kind = MessageKind.Start, InstanceId = id, Generation = 1, Row = row });
        SetResult(id);
    }
}
