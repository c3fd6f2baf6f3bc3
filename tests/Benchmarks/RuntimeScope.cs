using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>Our runtime on a fresh SQLite file in a temp folder (deleted afterwards), or on a private in-memory database.</summary>
internal sealed class RuntimeScope : IBenchEngine
{
    private readonly string _folder;

    private RuntimeScope(string folder, DurableRuntime runtime, string name)
    {
        _folder = folder;
        Runtime = runtime;
        Name = name;
    }

    public DurableRuntime Runtime { get; }

    public string Name { get; }

    public static async Task<RuntimeScope> StartAsync(SqliteSynchronous sync, bool inMemory, bool profile = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saga-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = new DurableRuntimeBuilder();
        builder = inMemory ? builder.UseInMemory() : builder.UseSqlite(Path.Combine(folder, "runtime.db"));
        var runtime = builder
            .Configure(o => o.Synchronous = sync)
            .AddWorkflows()
            .Build();
        if (profile)
        {
            runtime.Profile = new DispatcherProfile();
        }

        await runtime.StartAsync().ConfigureAwait(false);
        return new RuntimeScope(folder, runtime, inMemory ? "ours (in-memory)" : $"ours ({sync})");
    }

    public Task StartAsync(string workflow, object? input, string instanceId, CancellationToken cancellationToken) =>
        Runtime.Client.StartAsync(workflow, input, instanceId, cancellationToken);

    public async Task<string?> WaitAsync(string instanceId, CancellationToken cancellationToken)
    {
        var status = await Runtime.Client.WaitForCompletionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return status.RuntimeStatus == OrchestrationStatus.Completed
            ? status.SerializedOutput
            : throw new InvalidOperationException($"{instanceId} ended {status.RuntimeStatus}: {status.FailureDetails}");
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_folder, recursive: true);
    }
}
