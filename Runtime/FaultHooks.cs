namespace SagaFunctions.Runtime;

/// <summary>
/// Fault injection into the runtime itself (<see cref="DurableRuntimeBuilder.AddFaultHooks"/>), for chaos and recovery
/// drills: make an activity fail on its first attempts, watch each commit point, or stop the runtime right after a given
/// commit point (a crash between commit points; start a new runtime on the same file to recover). The crash matrix
/// drives it; a host that registers none pays nothing.
/// </summary>
public sealed class FaultHooks
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _failFirst = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Instance, string Activity), int> _attempts = [];

    /// <summary>The commit point (1 = the first transaction this runtime commits) after which the runtime stops; null = never.</summary>
    public int? CrashAfterCommitPoint { get; private set; }

    /// <summary>Called on the dispatcher thread after every commit with the commit point number.</summary>
    public Action<int>? OnCommitted { get; set; }

    /// <summary>
    /// Activity <paramref name="activityName"/> throws <see cref="InjectedFaultException"/> on attempts 1..<paramref name="attempts"/>,
    /// counted per orchestration instance (every call of that activity by the instance is one attempt).
    /// </summary>
    public FaultHooks FailActivity(string activityName, int attempts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityName);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        lock (_gate)
        {
            _failFirst[activityName] = attempts;
        }

        return this;
    }

    /// <summary>Stops the runtime right after commit point <paramref name="commitPoint"/> (1-based).</summary>
    public FaultHooks CrashAfterCommit(int commitPoint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(commitPoint, 1);
        CrashAfterCommitPoint = commitPoint;
        return this;
    }

    /// <summary>How many times the activity has been attempted by the instance so far.</summary>
    public int AttemptsOf(string instanceId, string activityName)
    {
        lock (_gate)
        {
            return _attempts.GetValueOrDefault((instanceId, activityName));
        }
    }

    internal void BeforeActivity(string instanceId, string activityName)
    {
        int attempt;
        int failFirst;
        lock (_gate)
        {
            if (!_failFirst.TryGetValue(activityName, out failFirst))
            {
                return;
            }

            attempt = _attempts.GetValueOrDefault((instanceId, activityName)) + 1;
            _attempts[(instanceId, activityName)] = attempt;
        }

        if (attempt <= failFirst)
        {
            throw new InjectedFaultException(activityName, attempt);
        }
    }
}
