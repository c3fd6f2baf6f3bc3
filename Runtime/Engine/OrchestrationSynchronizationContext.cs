namespace SagaFunctions.Runtime.Engine;

/// <summary>
/// Runs orchestrator continuations on the dispatcher thread, one at a time, in the order they were posted, so an
/// episode is deterministic. A post from another thread means the orchestrator awaited something that is not a
/// durable task (Task.Delay, Task.Run, I/O); that is recorded so the instance can be failed with a clear error.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly object _gate = new();
    private int _ownerThreadId = -1;

    /// <summary>
    /// Called whenever the queue is empty; returns true when it released more work (e.g. cancelled a timer whose
    /// token was cancelled), and the queue is drained again.
    /// </summary>
    public Func<bool>? AfterDrain { get; set; }

    /// <summary>Called (once) when a continuation is posted from outside an episode.</summary>
    public Action? ForeignPosted { get; set; }

    /// <summary>True once a continuation was posted from outside an episode.</summary>
    public bool ForeignPost { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        var first = false;
        lock (_gate)
        {
            if (Environment.CurrentManagedThreadId != _ownerThreadId && !ForeignPost)
            {
                ForeignPost = true;
                first = true;
            }

            _queue.Enqueue((d, state));
        }

        if (first)
        {
            ForeignPosted?.Invoke();
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported on an orchestration context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> with this context current, then every continuation it released.</summary>
    public void Run<TState>(Action<TState> action, TState state)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        _ownerThreadId = Environment.CurrentManagedThreadId;
        try
        {
            action(state);
            do
            {
                Drain();
            }
            while (AfterDrain?.Invoke() == true);
        }
        finally
        {
            _ownerThreadId = -1;
            SetSynchronizationContext(previous);
        }
    }

    private void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out item))
                {
                    return;
                }
            }

            item.Callback(item.State);
        }
    }
}
