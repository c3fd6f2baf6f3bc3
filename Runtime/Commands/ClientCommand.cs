namespace SagaFunctions.Runtime.Commands;

/// <summary>
/// A client request executed by the dispatcher inside a batch. Its answer is released only after the batch
/// commits (so a caller never sees something that could still be lost), on the thread pool, never inline.
/// </summary>
internal abstract class ClientCommand
{
    /// <summary>Runs inside the batch's transaction, on the dispatcher thread.</summary>
    public abstract void Execute(DurableRuntime runtime, DateTime now);

    /// <summary>Releases the answer (after commit).</summary>
    public abstract void Complete();

    public abstract void Fail(Exception error);
}

/// <summary>A command answering a <typeparamref name="T"/>.</summary>
internal abstract class ClientCommand<T> : ClientCommand
{
    private readonly TaskCompletionSource<T> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _source.Task;

    protected void SetResult(T result) => _result = result;

    protected void SetError(Exception error) => _error = error;

    public override void Complete()
    {
        if (_error is not null)
        {
            _source.TrySetException(_error);
        }
        else
        {
            _source.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception error) => _source.TrySetException(error);

    /// <summary>Completes at once (waiters released later than the batch).</summary>
    public void CompleteNow(T result) => _source.TrySetResult(result);
}
