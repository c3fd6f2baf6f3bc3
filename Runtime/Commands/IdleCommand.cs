namespace SagaFunctions.Runtime.Commands;

/// <summary>Completes when the runtime has no runnable work: only future timers, unexpired leases and awaited events.</summary>
internal sealed class IdleCommand : ClientCommand<bool>
{
    public override void Execute(DurableRuntime runtime, DateTime now) => runtime.AddIdleWaiter(this);
}
