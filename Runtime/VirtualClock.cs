namespace SagaFunctions.Runtime;

/// <summary>
/// A test clock that moves only when told. Advancing it makes due timers fire immediately, so a 30-day approval
/// timeout takes milliseconds. <see cref="AdvanceAsync"/> also waits until every runtime using the clock is idle.
/// </summary>
public sealed class VirtualClock : IRuntimeClock
{
    private readonly object _gate = new();
    private readonly List<Func<Task>> _idleWaiters = [];
    private DateTime _utcNow;

    public VirtualClock()
        : this(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc))
    {
    }

    public VirtualClock(DateTime start)
    {
        _utcNow = DateTime.SpecifyKind(start, DateTimeKind.Utc);
    }

    public event EventHandler? Advanced;

    public bool IsVirtual => true;

    public DateTime UtcNow
    {
        get
        {
            lock (_gate)
            {
                return _utcNow;
            }
        }
    }

    /// <summary>Moves time forward; due timers fire as soon as the runtime notices (immediately).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _utcNow += by;
        }

        Advanced?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Sets the time; it may not go backwards.</summary>
    public void SetUtcNow(DateTime utcNow)
    {
        var value = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        lock (_gate)
        {
            if (value < _utcNow)
            {
                throw new ArgumentOutOfRangeException(nameof(utcNow), utcNow, $"Virtual time cannot go backwards (now {_utcNow:O}).");
            }

            _utcNow = value;
        }

        Advanced?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Advances time, then waits until every runtime on this clock has no runnable work left.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Advance(by);
        Func<Task>[] waiters;
        lock (_gate)
        {
            waiters = [.. _idleWaiters];
        }

        foreach (var waitForIdle in waiters)
        {
            await waitForIdle().ConfigureAwait(false);
        }
    }

    internal void RegisterIdleWaiter(Func<Task> waitForIdle)
    {
        lock (_gate)
        {
            _idleWaiters.Add(waitForIdle);
        }
    }

    internal void UnregisterIdleWaiter(Func<Task> waitForIdle)
    {
        lock (_gate)
        {
            _idleWaiters.Remove(waitForIdle);
        }
    }
}
