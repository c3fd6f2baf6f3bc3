namespace SagaFunctions.Benchmarks;

/// <summary>One engine under measurement: start an instance of a workflow, wait for its serialized output.</summary>
internal interface IBenchEngine : IAsyncDisposable
{
    string Name { get; }

    Task StartAsync(string workflow, object? input, string instanceId, CancellationToken cancellationToken);

    /// <summary>The completed instance's serialized output; throws if it ended otherwise.</summary>
    Task<string?> WaitAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>Which engine, with which settings.</summary>
internal abstract record EngineKind(string Label)
{
    public abstract Task<IBenchEngine> StartAsync();
}

/// <summary>Our embedded runtime on a fresh SQLite file (or in memory).</summary>
internal sealed record OursKind(Runtime.SqliteSynchronous Sync, bool InMemory)
    : EngineKind(InMemory ? "ours (in-memory SQLite)" : $"ours (SQLite {Sync})")
{
    public override async Task<IBenchEngine> StartAsync() => await RuntimeScope.StartAsync(Sync, InMemory).ConfigureAwait(false);
}

/// <summary>
/// The real Durable Task engine in process (the test host's gRPC sidecar over its in-memory backend); null limits are
/// the backend's shipped ones (the core count).
/// </summary>
internal sealed record DurableTaskKind(int? MaxOrchestrations, int? MaxActivities)
    : EngineKind(MaxOrchestrations is null ? "Durable Task (shipped limits)" : $"Durable Task (limits {MaxOrchestrations}/{MaxActivities})")
{
    public override async Task<IBenchEngine> StartAsync() => await DurableTaskEngine.StartAsync(MaxOrchestrations, MaxActivities).ConfigureAwait(false);
}
