using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SagaFunctions.Runtime.Commands;
using SagaFunctions.Runtime.Engine;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime;

/// <summary>
/// The embedded durable runtime: Durable Task semantics on one machine, persisted in one SQLite file.
/// One dispatcher thread owns the database and every live instance; it groups the episodes of many instances
/// into one transaction (group commit). Activities run on a bounded pool of workers. Build it with
/// <see cref="DurableRuntimeBuilder"/>, then <see cref="StartAsync"/>; talk to it through <see cref="Client"/>.
/// </summary>
public sealed partial class DurableRuntime : IAsyncDisposable
{
    private readonly RuntimeServices _services;
    private readonly string? _path;
    private readonly IRuntimeClock _clock;
    private readonly FaultHooks? _hooks;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Channel<ActivityWorkItem> _activityQueue =
        Channel.CreateUnbounded<ActivityWorkItem>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Func<Task> _idleWaiterForClock;
    private List<object> _inbound = [];
    private List<object> _drained = [];
    private bool _dispatcherWaiting;
    private int _inboundVersion;
    private bool _stopping;
    private bool _starting;
    private bool _started;
    private bool _disposed;
    private Exception? _fault;
    private SqliteStore? _store;
    private Thread? _thread;
    private Task[] _workers = [];

    internal DurableRuntime(RuntimeServices services, string? path, IRuntimeClock clock, FaultHooks? hooks)
    {
        _services = services;
        _path = path;
        _clock = clock;
        _hooks = hooks;
        _logger = services.LoggerFactory.CreateLogger("SagaFunctions.Runtime.DurableRuntime");
        Client = new DurableClient(this, services);
        _idleWaiterForClock = WaitForIdleUnlessStoppedAsync;
        services.Wake = id => Post(new InstanceMessage { Kind = MessageKind.Wake, InstanceId = id });
    }

    /// <summary>A builder (same as <c>new DurableRuntimeBuilder()</c>).</summary>
    public static DurableRuntimeBuilder CreateBuilder() => new();

    /// <summary>Starts, queries, signals and purges instances.</summary>
    public DurableClient Client { get; }

    /// <summary>The clock the runtime runs on.</summary>
    public IRuntimeClock Clock => _clock;

    /// <summary>Completes when the dispatcher has stopped (disposed, crashed by a fault hook, or failed).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Why the runtime stopped on its own (a <see cref="SimulatedCrashException"/>, a <see cref="DurableStoreException"/>), else null.</summary>
    public Exception? Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
    }

    internal SqliteStore Store => _store!;

    /// <summary>
    /// Opens the database (throwing <see cref="DurableStoreException"/> for a corrupt or newer-schema file), reloads
    /// pending timers and activities, and starts the dispatcher and the activity workers.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_starting)
            {
                throw new InvalidOperationException("StartAsync was already called on this durable runtime.");
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _starting = true;
        }

        _store = SqliteStore.Open(_path, _services.Options.Synchronous);
        Recover();
        _clock.Advanced += OnClockAdvanced;
        if (_clock is VirtualClock virtualClock)
        {
            virtualClock.RegisterIdleWaiter(_idleWaiterForClock);
        }

        _thread = new Thread(DispatchLoop) { IsBackground = true, Name = "durable-dispatcher" };
        _thread.Start();
        _workers = new Task[_services.Options.ActivityConcurrency];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Run(WorkerLoopAsync, CancellationToken.None);
        }

        lock (_gate)
        {
            _started = true;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Completes when nothing is runnable: no queued requests or messages, no activity running, no due timer.
    /// Only future timers and awaited events remain. Tests use it instead of sleeping.
    /// </summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) =>
        Submit(new IdleCommand()).WaitAsync(cancellationToken);

    /// <summary>What <see cref="VirtualClock.AdvanceAsync"/> awaits: idleness, or nothing once the runtime has stopped
    /// (a crashed runtime reports through <see cref="Fault"/>, not through the clock of the test driving it).</summary>
    private async Task WaitForIdleUnlessStoppedAsync()
    {
        try
        {
            await WaitForIdleAsync().ConfigureAwait(false);
        }
        catch (Exception) when (_stopped.Task.IsCompleted || Fault is not null)
        {
            // stopped: nothing to wait for
        }
    }

    public async ValueTask DisposeAsync()
    {
        bool started;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            started = _started && _thread is not null;
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _clock.Advanced -= OnClockAdvanced;
        if (_clock is VirtualClock virtualClock)
        {
            virtualClock.UnregisterIdleWaiter(_idleWaiterForClock);
        }

        if (started)
        {
            await _stopped.Task.ConfigureAwait(false);
        }
        else
        {
            _store?.Dispose();
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _activityQueue.Writer.TryComplete();
        _shutdown.Dispose();
    }

    internal Task<T> Submit<T>(ClientCommand<T> command)
    {
        lock (_gate)
        {
            if (_fault is not null)
            {
                return Task.FromException<T>(_fault);
            }

            if (_stopping)
            {
                return Task.FromException<T>(new ObjectDisposedException(nameof(DurableRuntime), "The durable runtime has been disposed."));
            }

            if (!_started)
            {
                return Task.FromException<T>(new InvalidOperationException("The durable runtime is not started; call StartAsync first."));
            }

            _inbound.Add(command);
            if (_dispatcherWaiting)
            {
                Monitor.Pulse(_gate);
            }
        }

        return command.Task;
    }

    private void Post(InstanceMessage message)
    {
        lock (_gate)
        {
            if (_fault is not null || _stopping)
            {
                return;
            }

            _inbound.Add(message);
            _inboundVersion++;
            if (_dispatcherWaiting)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    private void OnClockAdvanced(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private async Task WorkerLoopAsync()
    {
        // WaitToReadAsync wakes every idle worker per item written (at 1 in flight ~6 KB of re-armed waits per
        // activity). ReadAsync, which wakes only one, was tried: at 1 in flight on the 2-core VM it was slower (wall
        // time per order saga ×1.3–2, per step of a long saga ×1.5–3, A/B), so the wake-all stays.
        var reader = _activityQueue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_shutdown.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    await RunActivityAsync(item).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: unfinished activities keep their rows and run again after restart
        }
    }

    private async Task RunActivityAsync(ActivityWorkItem item)
    {
        InstanceMessage result;
        try
        {
            _hooks?.BeforeActivity(item.InstanceId, item.Name);
            if (!_services.Activities.TryGetValue(item.Name, out var registration))
            {
                throw new UnknownActivityException(item.Name);
            }

            var output = await registration.Invoke(item.Input, new ActivityCall(item.InstanceId, item.Name, item.TraceParent), _shutdown.Token).ConfigureAwait(false);
            result = new InstanceMessage
            {
                Kind = MessageKind.ActivityCompleted,
                InstanceId = item.InstanceId,
                Generation = item.Generation,
                TaskId = item.TaskId,
                Data = output,
                FromWorker = true,
            };
        }
        catch (Exception ex)
        {
            if (_shutdown.IsCancellationRequested)
            {
                return;
            }

            result = new InstanceMessage
            {
                Kind = MessageKind.ActivityFailed,
                InstanceId = item.InstanceId,
                Generation = item.Generation,
                TaskId = item.TaskId,
                Name = ex.GetType().FullName ?? ex.GetType().Name,
                Data = ex.Message,
                FromWorker = true,
            };
        }

        Post(result);
    }
}
