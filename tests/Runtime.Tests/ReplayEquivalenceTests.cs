using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Tests;

/// <summary>
/// Randomly shaped (but seeded, hence deterministic) orchestrations run twice: cached (no replay) and with the cache
/// disabled (every episode replays the whole history). Both must give the same result.
/// </summary>
public sealed class ReplayEquivalenceTests
{
    private static async Task<object?> ProgramAsync(IOrchestrationContext ctx)
    {
        var seed = ctx.GetInput<int>();
        var random = new Random(seed);
        long value = seed;
        var trace = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            switch (random.Next(5))
            {
                case 0:
                    value = await ctx.CallActivityAsync<long>("Add", new long[] { value, i });
                    trace.Add("a");
                    break;
                case 1:
                    var parts = await Task.WhenAll(Enumerable.Range(0, random.Next(2, 6)).Select(k => ctx.CallActivityAsync<long>("Add", new long[] { k, i })));
                    value += parts.Sum();
                    trace.Add("p" + parts.Length);
                    break;
                case 2:
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(random.Next(1, 20)), CancellationToken.None);
                    value += 1;
                    trace.Add("t");
                    break;
                case 3:
                    using (var loser = new CancellationTokenSource())
                    {
                        var evt = ctx.WaitForExternalEvent<long>($"e{i}", loser.Token);
                        var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(5), loser.Token);
                        var won = await Task.WhenAny(evt, timer) == evt;
                        await loser.CancelAsync();
                        value += won ? await evt : -1;
                        trace.Add(won ? "E" : "T");
                    }

                    break;
                default:
                    value += await ctx.CallSubOrchestratorAsync<long>("Child", value % 1000);
                    trace.Add("c");
                    break;
            }
        }

        return $"{value}:{string.Join("", trace)}";
    }

    private static DurableRuntimeBuilder Register(DurableRuntimeBuilder builder) => builder
        .AddOrchestrator("Program", ProgramAsync)
        .AddOrchestrator("Child", async ctx => await ctx.CallActivityAsync<long>("Add", new[] { ctx.GetInput<long>(), 7L }))
        .AddActivity<long[], long>("Add", (xs, _) => Task.FromResult(xs.Sum()));

    private static async Task<List<string?>> RunAllAsync(int maxCached, int seeds)
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(Register(fixture.Builder()).Configure(o => o.MaxCachedInstances = maxCached));
        for (var seed = 0; seed < seeds; seed++)
        {
            await runtime.Client.StartAsync("Program", seed, $"p{seed}");
            for (var i = 0; i < 12; i += 2)
            {
                await runtime.Client.RaiseEventAsync($"p{seed}", $"e{i}", (long)(100 + i));
            }
        }

        for (var round = 0; round < 200; round++)
        {
            await runtime.WaitForIdleAsync();
            var running = await runtime.Client.QueryAsync(new InstanceQuery(Statuses: [OrchestrationStatus.Running], PageSize: 1));
            if (running.Instances.Count == 0)
            {
                break;
            }

            await fixture.Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        var outputs = new List<string?>();
        for (var seed = 0; seed < seeds; seed++)
        {
            var status = await runtime.Client.WaitForCompletionAsync($"p{seed}");
            Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
            outputs.Add(status.SerializedOutput);
        }

        return outputs;
    }

    [Fact]
    public async Task RandomOrchestrations_CachedAndAlwaysReplayed_ProduceIdenticalResults()
    {
        const int seeds = 25;

        var cached = await RunAllAsync(maxCached: 10_000, seeds);
        var replayed = await RunAllAsync(maxCached: 0, seeds);

        Assert.Equal(cached, replayed);
        Assert.Equal(seeds, cached.Distinct().Count());
    }
}
