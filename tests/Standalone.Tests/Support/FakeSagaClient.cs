using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SagaFunctions.Http;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>
/// An in-memory engine behind <see cref="ISagaClient"/> and <see cref="ISagaInstanceControl"/> for the contract tests:
/// starts record the input, tests move instances to any state, and every call is observable. The end-to-end tests use
/// the real runtime instead.
/// </summary>
public sealed class FakeSagaClient : ISagaClient, ISagaInstanceControl
{
    private readonly ConcurrentDictionary<string, SagaInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string InstanceId, string EventName, string? PayloadJson)> _events = new();
    private readonly ConcurrentQueue<(string InstanceId, string? Reason)> _terminations = new();
    private readonly ConcurrentQueue<(string Operation, string InstanceId, string? Reason)> _controls = new();
    private DateTimeOffset _now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyCollection<(string InstanceId, string EventName, string? PayloadJson)> Events => _events;

    public IReadOnlyCollection<(string InstanceId, string? Reason)> Terminations => _terminations;

    /// <summary>Suspend, resume and restart calls that reached the engine, in order ("suspend", "resume", "restart").</summary>
    public IReadOnlyCollection<(string Operation, string InstanceId, string? Reason)> Controls => _controls;

    private int _startCount;

    public int StartCount => Volatile.Read(ref _startCount);

    public SagaInstanceQuery? LastQuery { get; private set; }

    public IReadOnlyCollection<SagaInstance> Instances => _instances.Values.ToList();

    public Task<bool> TryStartAsync(string orchestratorName, string instanceId, object input, string? version, CancellationToken cancellationToken)
    {
        _now = _now.AddSeconds(1);
        var instance = new SagaInstance(
            instanceId, orchestratorName, "Pending", _now, _now,
            JsonSerializer.Serialize(input, SagaHttpJson.Options), null, null, null, null, version);
        var added = _instances.TryAdd(instanceId, instance);
        if (added)
        {
            Interlocked.Increment(ref _startCount);
        }

        return Task.FromResult(added);
    }

    public Task<SagaInstance?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var i) ? i : null);

    public Task<SagaInstancePage> QueryAsync(SagaInstanceQuery query, CancellationToken cancellationToken)
    {
        LastQuery = query;
        var matching = _instances.Values
            .Where(i => query.OrchestratorName is null || i.Name == query.OrchestratorName)
            .Where(i => query.RuntimeStatuses is null || query.RuntimeStatuses.Contains(i.RuntimeStatus))
            .Where(i => query.CreatedFrom is null || i.CreatedAt >= query.CreatedFrom)
            .Where(i => query.CreatedTo is null || i.CreatedAt <= query.CreatedTo)
            .OrderByDescending(i => i.CreatedAt)
            .ThenBy(i => i.InstanceId, StringComparer.Ordinal)
            .ToList();
        var skip = 0;
        if (query.ContinuationToken is not null && !int.TryParse(query.ContinuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            throw new ArgumentException($"Unknown continuation token '{query.ContinuationToken}'.", nameof(query));
        }

        var page = matching.Skip(skip).Take(query.PageSize).ToList();
        var next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new SagaInstancePage(page, next));
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        _events.Enqueue((instanceId, eventName, payload is null ? null : JsonSerializer.Serialize(payload, SagaHttpJson.Options)));
        return Task.CompletedTask;
    }

    /// <summary>Events a test says the instance holds unconsumed (none unless set).</summary>
    public Dictionary<string, IReadOnlyList<ReceivedEvent>?> Unconsumed { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<ReceivedEvent>?> GetUnconsumedEventsAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(Unconsumed.TryGetValue(instanceId, out var events) ? events : []);

    public Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        _terminations.Enqueue((instanceId, reason));
        Update(instanceId, i => i with { RuntimeStatus = "Terminated", SerializedOutput = JsonSerializer.Serialize(reason) });
        return Task.CompletedTask;
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.TryRemove(instanceId, out _));

    public Task<bool> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        Task.FromResult(Control("suspend", instanceId, reason, "Suspended"));

    public Task<bool> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        Task.FromResult(Control("resume", instanceId, reason, "Running"));

    /// <summary>As the runtime: a new id is the old one plus <c>-restart-{n}</c>; the started instance is Pending with the same name and input.</summary>
    public Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellationToken)
    {
        if (!_instances.TryGetValue(instanceId, out var old))
        {
            throw new KeyNotFoundException($"No instance '{instanceId}'.");
        }

        if (!restartWithNewInstanceId && !old.IsFinished)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {old.RuntimeStatus}.");
        }

        _controls.Enqueue(("restart", instanceId, null));
        _now = _now.AddSeconds(1);
        var id = restartWithNewInstanceId ? $"{instanceId}-restart-{_controls.Count}" : instanceId;
        _instances[id] = old with
        {
            InstanceId = id, RuntimeStatus = "Pending", CreatedAt = _now, LastUpdatedAt = _now,
            SerializedOutput = null, SerializedCustomStatus = null, FailureType = null, FailureMessage = null,
        };
        return Task.FromResult(id);
    }

    /// <summary>Puts an instance in place directly (any name, state and payloads).</summary>
    public SagaInstance Seed(
        string instanceId, string name, string runtimeStatus = "Running", object? input = null, object? output = null,
        object? customStatus = null, DateTimeOffset? createdAt = null, string? failureType = null, string? failureMessage = null)
    {
        var created = createdAt ?? (_now = _now.AddSeconds(1));
        var instance = new SagaInstance(
            instanceId, name, runtimeStatus, created, created.AddSeconds(1),
            input is null ? null : JsonSerializer.Serialize(input, SagaHttpJson.Options),
            output is null ? null : JsonSerializer.Serialize(output, SagaHttpJson.Options),
            customStatus is null ? null : JsonSerializer.Serialize(customStatus, SagaHttpJson.Options),
            failureType,
            failureMessage);
        _instances[instanceId] = instance;
        return instance;
    }

    public void Update(string instanceId, Func<SagaInstance, SagaInstance> change)
    {
        if (_instances.TryGetValue(instanceId, out var current))
        {
            _instances[instanceId] = change(current);
        }
    }

    private bool Control(string operation, string instanceId, string? reason, string newStatus)
    {
        if (!_instances.TryGetValue(instanceId, out var current) || current.IsFinished)
        {
            return false;
        }

        _controls.Enqueue((operation, instanceId, reason));
        Update(instanceId, i => i with { RuntimeStatus = newStatus });
        return true;
    }
}
