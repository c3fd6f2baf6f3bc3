namespace SagaFunctions.Runtime.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ManyInstances_SmallCacheAndConcurrentEvents_AllCompleteWithOwnResults()
    {
        using var temp = new TempFolder();
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder(temp.File("stress.db"))
            .Configure(o =>
            {
                o.MaxCachedInstances = 10;
                o.ActivityConcurrency = 4;
            })
            .AddOrchestrator(Workflows.Order, Workflows.OrderAsync)
            .AddActivity<string, string>(Workflows.Step, async (s, _) =>
            {
                await Task.Yield();
                return s.ToUpperInvariant();
            })
            .AddOrchestrator("Mixed", async ctx =>
            {
                var id = ctx.GetInput<int>();
                var parts = await Task.WhenAll(
                    ctx.CallActivityAsync<string>(Workflows.Step, $"a{id}"),
                    ctx.CallSubOrchestratorAsync<string>(Workflows.Order, new OrderInput($"c{id}", id)));
                using var cts = new CancellationTokenSource();
                var evt = ctx.WaitForExternalEvent<int>("bonus", cts.Token);
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(10), cts.Token);
                var bonus = await Task.WhenAny(evt, timer) == evt ? await evt : -1;
                cts.Cancel();
                return $"{parts[0]}|{parts[1]}|{bonus}";
            }));

        const int count = 120;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => runtime.Client.StartAsync("Mixed", i, $"m{i}")));
        await Task.WhenAll(Enumerable.Range(0, count).Where(i => i % 2 == 0).Select(i => RaiseWhenRunningAsync(runtime, $"m{i}", i)));
        await runtime.WaitForIdleAsync();
        await fixture.Clock.AdvanceAsync(TimeSpan.FromMinutes(10));
        var outputs = await Task.WhenAll(Enumerable.Range(0, count).Select(i => runtime.Client.WaitForCompletionAsync($"m{i}")));

        for (var i = 0; i < count; i++)
        {
            var bonus = i % 2 == 0 ? i : -1;
            Assert.Equal($"\"A{i}|CHARGE:C{i},RESERVE:C{i},SHIP:C{i},EMAIL:C{i}|{bonus}\"", outputs[i].SerializedOutput);
        }

        Assert.True(runtime.ReplayCount > 0);
    }

    private static Task RaiseWhenRunningAsync(DurableRuntime runtime, string id, int value) =>
        runtime.Client.RaiseEventAsync(id, "bonus", value);
}
