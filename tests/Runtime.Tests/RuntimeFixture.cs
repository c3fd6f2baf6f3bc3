namespace SagaFunctions.Runtime.Tests;

/// <summary>Builds in-memory (or file) runtimes on a virtual clock for tests, and disposes them.</summary>
internal sealed class RuntimeFixture : IAsyncDisposable
{
    private readonly List<DurableRuntime> _runtimes = [];

    public VirtualClock Clock { get; } = new();

    public DurableRuntimeBuilder Builder(string? path = null)
    {
        var builder = new DurableRuntimeBuilder().UseClock(Clock);
        return path is null ? builder.UseInMemory() : builder.UseSqlite(path);
    }

    public async Task<DurableRuntime> StartAsync(DurableRuntimeBuilder builder)
    {
        var runtime = builder.Build();
        _runtimes.Add(runtime);
        await runtime.StartAsync();
        return runtime;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }
    }
}
