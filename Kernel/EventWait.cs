namespace SagaFunctions.Kernel;

/// <summary>The result of racing an external event against a durable timer: the event, or a timeout.</summary>
public sealed record EventWait<T>(bool Received, T? Value)
{
    public bool TimedOut => !Received;
}
