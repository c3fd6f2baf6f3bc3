using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SagaFunctions.Kernel;
using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime;

/// <summary>
/// Composes a <see cref="DurableRuntime"/>: where it stores (file or in-memory), its clock, options, and the
/// orchestrators and activities it can run (plain closures; no service provider needed).
/// </summary>
public sealed class DurableRuntimeBuilder
{
    private readonly Dictionary<string, Func<IOrchestrationContext, Task<object?>>> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<PayloadSerializer, ActivityRegistration>> _activities = new(StringComparer.Ordinal);
    private readonly DurableRuntimeOptions _options = new();
    private bool _storeChosen;
    private string? _path;
    private IRuntimeClock _clock = SystemClock.Instance;
    private FaultHooks? _hooks;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    /// <summary>Stores everything in one SQLite file (created if missing), WAL mode.</summary>
    public DurableRuntimeBuilder UseSqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _storeChosen = true;
        return this;
    }

    /// <summary>Uses a private in-memory SQLite database (tests): same code path, nothing survives disposal.</summary>
    public DurableRuntimeBuilder UseInMemory()
    {
        _path = null;
        _storeChosen = true;
        return this;
    }

    public DurableRuntimeBuilder UseClock(IRuntimeClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        return this;
    }

    public DurableRuntimeBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    public DurableRuntimeBuilder Configure(Action<DurableRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>Test-only fault injection.</summary>
    public DurableRuntimeBuilder AddFaultHooks(FaultHooks hooks)
    {
        _hooks = hooks ?? throw new ArgumentNullException(nameof(hooks));
        return this;
    }

    public DurableRuntimeBuilder AddOrchestrator(string name, Func<IOrchestrationContext, Task<object?>> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(body);
        if (!_orchestrators.TryAdd(name, body))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a typed activity: its input is deserialized to <typeparamref name="TInput"/>.</summary>
    public DurableRuntimeBuilder AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return AddActivityCore(name, serializer => new ActivityRegistration(name, async (json, _, ct) =>
        {
            var input = serializer.Deserialize<TInput>(json, "input of activity", name);
            var output = await body(input!, ct).ConfigureAwait(false);
            return serializer.Serialize(output, "output of activity", name);
        }));
    }

    /// <summary>
    /// Registers an activity without generics (hosts that build registrations from a catalog): its input is
    /// deserialized to <paramref name="inputType"/>, its output serialized by its runtime type.
    /// </summary>
    public DurableRuntimeBuilder AddActivity(string name, Type inputType, Func<object?, CancellationToken, Task<object?>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return AddActivity(name, inputType, (input, _, ct) => body(input, ct));
    }

    /// <summary>
    /// As <see cref="AddActivity(string, Type, Func{object?, CancellationToken, Task{object?}})"/>, and the body also gets
    /// the <see cref="ActivityCall"/>: which instance it runs for and that instance's trace parent, to parent its span to.
    /// </summary>
    public DurableRuntimeBuilder AddActivity(string name, Type inputType, Func<object?, ActivityCall, CancellationToken, Task<object?>> body)
    {
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(body);
        return AddActivityCore(name, serializer => new ActivityRegistration(name, async (json, call, ct) =>
        {
            var input = serializer.Deserialize(json, inputType, "input of activity", name);
            var output = await body(input, call, ct).ConfigureAwait(false);
            return serializer.Serialize(output, "output of activity", name);
        }));
    }

    public DurableRuntime Build()
    {
        if (!_storeChosen)
        {
            throw new InvalidOperationException("Choose a store: call UseSqlite(path) or UseInMemory() before Build().");
        }

        _options.Validate();
        var options = new DurableRuntimeOptions
        {
            ActivityConcurrency = _options.ActivityConcurrency,
            Synchronous = _options.Synchronous,
            ActivityLease = _options.ActivityLease,
            MaxCachedInstances = _options.MaxCachedInstances,
            MaxPayloadBytes = _options.MaxPayloadBytes,
            MaxBatchSize = _options.MaxBatchSize,
            SerializerOptions = _options.SerializerOptions,
        };
        var serializer = new PayloadSerializer(options.SerializerOptions, options.MaxPayloadBytes);
        var activities = _activities.ToDictionary(a => a.Key, a => a.Value(serializer), StringComparer.Ordinal);
        var services = new RuntimeServices(new Dictionary<string, Func<IOrchestrationContext, Task<object?>>>(_orchestrators, StringComparer.Ordinal),
            activities, options, _loggerFactory);
        return new DurableRuntime(services, _path, _clock, _hooks);
    }

    private DurableRuntimeBuilder AddActivityCore(string name, Func<PayloadSerializer, ActivityRegistration> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }
}
