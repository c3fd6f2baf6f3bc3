using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SagaFunctions.Kernel.Tests;

/// <summary>
/// A scripted engine for kernel tests: activities answer from scripts (value, rejection, failure, or a task the test
/// completes later), timers fire immediately (advancing the clock) unless <see cref="AutoFireTimers"/> is off, and every
/// action the saga takes is recorded in <see cref="Actions"/>.
/// </summary>
internal sealed class FakeOrchestrationContext : IOrchestrationContext
{
    private readonly Dictionary<string, Func<object?, int, Task<object?>>> _activities = [];
    private readonly Dictionary<string, int> _attempts = [];
    private readonly Dictionary<string, Queue<object?>> _bufferedEvents = [];
    private readonly List<(string Name, TaskCompletionSource<object?> Source, Type Type)> _eventWaiters = [];
    private readonly List<(DateTime FireAt, TaskCompletionSource Source)> _timers = [];
    private int _guidCounter;

    public FakeOrchestrationContext(string instanceId = "saga-1", DateTime? start = null)
    {
        InstanceId = instanceId;
        CurrentUtcDateTime = start ?? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    public string InstanceId { get; }

    public string Name => "TestSaga";

    public string Version => "1";

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; set; }

    public bool AutoFireTimers { get; set; } = true;

    /// <summary>Everything the saga did, in order: "call Name key", "timer +0.5s", "status Phase", ...</summary>
    public List<string> Actions { get; } = [];

    public List<(string Name, object? Input)> Calls { get; } = [];

    public List<SagaStatus> Statuses { get; } = [];

    public List<CancellationToken> TimerTokens { get; } = [];

    public int PendingTimers => _timers.Count(t => !t.Source.Task.IsCompleted);

    public int PendingEventWaits => _eventWaiters.Count(w => !w.Source.Task.IsCompleted && w.Name is not Saga.CancelEventName and not Saga.RetryEventName);

    public object? Input { get; set; }

    /// <summary>Scripts an activity: the function gets the input and the 1-based attempt number for that activity.</summary>
    public FakeOrchestrationContext On(string activity, Func<object?, int, object?> answer)
    {
        _activities[activity] = (input, attempt) => Task.FromResult(answer(input, attempt));
        return this;
    }

    public FakeOrchestrationContext OnAsync(string activity, Func<object?, int, Task<object?>> answer)
    {
        _activities[activity] = answer;
        return this;
    }

    public FakeOrchestrationContext Returns<T>(string activity, T value) => On(activity, (_, _) => StepResult.Ok(value));

    public FakeOrchestrationContext Rejects<T>(string activity, string code) => On(activity, (_, _) => StepResult.Reject<T>(code, $"{activity} rejected: {code}"));

    public FakeOrchestrationContext Fails(string activity, int times = int.MaxValue, object? thenValue = null) =>
        On(activity, (_, attempt) => attempt <= times
            ? throw new ActivityFailedException(activity, "System.Net.Http.HttpRequestException", $"{activity} unavailable (attempt {attempt})")
            : thenValue);

    public FakeOrchestrationContext Compensates(params string[] compensationActivities)
    {
        foreach (var name in compensationActivities)
        {
            On(name, (_, _) => $"{name} done");
        }

        return this;
    }

    public int AttemptsOf(string activity) => _attempts.GetValueOrDefault(activity);

    public IEnumerable<string> CallNames => Calls.Select(c => c.Name);

    public T? GetInput<T>() => (T?)Input;

    public async Task<T> CallActivityAsync<T>(string name, object? input = null, RetryPolicy? retry = null)
    {
        Actions.Add($"call {name} {KeyOf(input)}");
        Calls.Add((name, input));
        var attempt = _attempts[name] = _attempts.GetValueOrDefault(name) + 1;
        if (!_activities.TryGetValue(name, out var answer))
        {
            throw new ActivityFailedException(name, "System.InvalidOperationException", $"No activity named '{name}' is scripted.");
        }

        return (T)(await answer(input, attempt))!;
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Actions.Add($"timer {(fireAt - CurrentUtcDateTime).TotalSeconds}s");
        TimerTokens.Add(cancellationToken);
        if (AutoFireTimers)
        {
            CurrentUtcDateTime = fireAt > CurrentUtcDateTime ? fireAt : CurrentUtcDateTime;
            return Task.CompletedTask;
        }

        var source = new TaskCompletionSource();
        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        _timers.Add((fireAt, source));
        return source.Task;
    }

    public async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        Actions.Add($"wait {eventName}");
        if (_bufferedEvents.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            return As<T>(queue.Dequeue());
        }

        var source = new TaskCompletionSource<object?>();
        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        _eventWaiters.Add((eventName, source, typeof(T)));
        return As<T>(await source.Task);
    }

    public Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, string? instanceId = null)
    {
        Actions.Add($"sub {orchestratorName} {instanceId}");
        return CallActivityAsync<T>(orchestratorName, input);
    }

    public void ContinueAsNew(object? newInput) => Actions.Add("continue-as-new");

    public void SetCustomStatus(object? customStatus)
    {
        var status = (SagaStatus)customStatus!;
        Statuses.Add(status);
        Actions.Add($"status {status.Phase} {status.CurrentStep}");
    }

    public Guid NewGuid() => new(++_guidCounter, 0, 0, new byte[8]);

    public ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

    /// <summary>Delivers an event to the first waiter for it, or buffers it (as Durable does).</summary>
    public void RaiseEvent(string name, object? payload)
    {
        var waiter = _eventWaiters.FirstOrDefault(w => w.Name == name && !w.Source.Task.IsCompleted);
        if (waiter.Source is null)
        {
            if (!_bufferedEvents.TryGetValue(name, out var queue))
            {
                _bufferedEvents[name] = queue = new Queue<object?>();
            }

            queue.Enqueue(payload);
            return;
        }

        waiter.Source.SetResult(payload);
    }

    /// <summary>Moves the clock and fires every timer that is due, in order.</summary>
    public void AdvanceTo(DateTime time)
    {
        CurrentUtcDateTime = time;
        foreach (var timer in _timers.Where(t => t.FireAt <= time && !t.Source.Task.IsCompleted).OrderBy(t => t.FireAt).ToList())
        {
            timer.Source.TrySetResult();
        }
    }

    public void Advance(TimeSpan by) => AdvanceTo(CurrentUtcDateTime + by);

    /// <summary>Events travel as JSON, as in a real engine: a saga that waits for raw JSON gets the payload serialized.</summary>
    private static T As<T>(object? payload) =>
        typeof(T) == typeof(JsonElement) && payload is not JsonElement
            ? (T)(object)JsonSerializer.SerializeToElement(payload)
            : (T)payload!;

    private static string KeyOf(object? input) => input switch
    {
        StepInput<object?> step => step.IdempotencyKey,
        CompensationInput<object?, object?> compensation => $"{compensation.IdempotencyKey} undo {compensation.StepKey}",
        DeadLetter deadLetter => deadLetter.Id,
        _ => JsonSerializer.Serialize(input),
    };
}
