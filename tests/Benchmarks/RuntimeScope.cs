using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>A runtime on a fresh SQLite file in a temp folder, deleted afterwards.</summary>
internal sealed class RuntimeScope : IAsyncDisposable
{
    private readonly string _folder;

    private RuntimeScope(string folder, DurableRuntime runtime)
    {
        _folder = folder;
        Runtime = runtime;
    }

    public DurableRuntime Runtime { get; }

    /// <summary>True to run on a private in-memory database instead of a file (<c>--memory</c>: shows the cost of durability).</summary>
    public static bool InMemory { get; set; }

    public static async Task<RuntimeScope> StartAsync(SqliteSynchronous sync)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saga-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = new DurableRuntimeBuilder();
        builder = InMemory ? builder.UseInMemory() : builder.UseSqlite(Path.Combine(folder, "runtime.db"));
        var runtime = builder
            .Configure(o => o.Synchronous = sync)
            .AddWorkflows()
            .Build();
        await runtime.StartAsync().ConfigureAwait(false);
        return new RuntimeScope(folder, runtime);
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_folder, recursive: true);
    }
}
