namespace SagaFunctions.Runtime.Engine;

/// <summary>A pending <c>WaitForExternalEvent</c>; receives the first (FIFO) event of its name.</summary>
internal abstract class EventWaiter
{
    public abstract bool IsCompleted { get; }

    /// <summary>The waiter list it sits in (to remove it when its token is cancelled).</summary>
    public List<EventWaiter>? List { get; set; }

    public abstract void Cancel();

    public abstract void Deliver(string? json, PayloadSerializer serializer);
}

internal sealed class EventWaiter<T>(string eventName) : EventWaiter
{
    private readonly TaskCompletionSource<T> _source = new();

    public Task<T> Task => _source.Task;

    public override bool IsCompleted => _source.Task.IsCompleted;

    public override void Deliver(string? json, PayloadSerializer serializer)
    {
        try
        {
            _source.TrySetResult(serializer.Deserialize<T>(json, "payload of event", eventName)!);
        }
        catch (PayloadSerializationException ex)
        {
            _source.TrySetException(ex);
        }
    }

    public override void Cancel() => _source.TrySetCanceled();
}
