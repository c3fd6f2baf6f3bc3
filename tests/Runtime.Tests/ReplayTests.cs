using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SagaFunctions.Runtime.Tests;

public sealed class ReplayTests
{
    [Fact]
    public async Task Replay_CacheDisabled_EveryEpisodeReplaysAndResultIsIdentical()
    {
        await using var fixture = new RuntimeFixture();
        var calls = new ConcurrentDictionary<string, int>();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator(Workflows.Order, Workflows.OrderAsync)
            .AddActivity<string, string>(Workflows.Step, (s, _) =>
            {
                calls.AddOrUpdate(s, 1, (_, n) => n + 1);
                return Task.FromResult(s.ToUpperInvariant());
            }));

        await runtime.Client.StartAsync(Workflows.Order, new OrderInput("o1", 1m), "replayed");
        var status = await runtime.Client.WaitForCompletionAsync("replayed");

        Assert.Equal("\"CHARGE:O1,RESERVE:O1,SHIP:O1,EMAIL:O1\"", status.SerializedOutput);
        Assert.Equal(4, runtime.ReplayCount);
        Assert.All(calls.Values, n => Assert.Equal(1, n));
        Assert.Equal(4, calls.Count);
    }

    [Fact]
    public async Task Replay_CachedInstance_NeverReplays()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder());

        await runtime.Client.StartAsync(Workflows.Order, new OrderInput("o1", 1m), "cached");
        await runtime.Client.WaitForCompletionAsync("cached");

        Assert.Equal(0, runtime.ReplayCount);
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_ReturnsSameValuesInSameOrder()
    {
        await using var fixture = new RuntimeFixture();
        var seenByActivity = new ConcurrentQueue<Guid>();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Guids", async ctx =>
            {
                var first = ctx.NewGuid();
                await ctx.CallActivityAsync<Guid>("Echo", first);
                var second = ctx.NewGuid();
                await ctx.CallActivityAsync<Guid>("Echo", second);
                return new[] { first, second };
            })
            .AddActivity<Guid, Guid>("Echo", (g, _) =>
            {
                seenByActivity.Enqueue(g);
                return Task.FromResult(g);
            }));

        await runtime.Client.StartAsync("Guids", null, "g");
        var status = await runtime.Client.WaitForCompletionAsync("g");

        var expected = seenByActivity.ToArray();
        Assert.Equal(2, expected.Length);
        Assert.NotEqual(expected[0], expected[1]);
        Assert.Equal($"[\"{expected[0]}\",\"{expected[1]}\"]", status.SerializedOutput);
        Assert.Equal(5, expected[0].ToByteArray(bigEndian: true)[6] >> 4);
    }

    [Fact]
    public async Task CurrentUtcDateTime_DuringReplay_ReturnsRecordedEpisodeTimes()
    {
        await using var fixture = new RuntimeFixture();
        var start = fixture.Clock.UtcNow;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Clock", async ctx =>
            {
                var before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(before.AddHours(1), CancellationToken.None);
                var after = ctx.CurrentUtcDateTime;
                await ctx.WaitForExternalEvent<int>("go");
                return new[] { before, after };
            }));

        await runtime.Client.StartAsync("Clock", null, "c");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromHours(1));
        await fixture.Clock.AdvanceAsync(TimeSpan.FromDays(3));
        await runtime.Client.RaiseEventAsync("c", "go", 1);
        var status = await runtime.Client.WaitForCompletionAsync("c");

        Assert.Equal($"[\"{start:yyyy-MM-ddTHH:mm:ssZ}\",\"{start.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}\"]", status.SerializedOutput);
    }

    [Fact]
    public async Task CreateReplaySafeLogger_WhileReplaying_WritesNothing()
    {
        await using var fixture = new RuntimeFixture();
        var lines = new ConcurrentQueue<string>();
        using var factory = new ListLoggerFactory(lines);
        var runtime = await fixture.StartAsync(fixture.Builder()
            .UseLoggerFactory(factory)
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Logs", async ctx =>
            {
                var log = ctx.CreateReplaySafeLogger("saga");
                log.LogInformation("step 1 replaying={Replaying}", ctx.IsReplaying);
                await ctx.CallActivityAsync<int>("One", 1);
                log.LogInformation("step 2 replaying={Replaying}", ctx.IsReplaying);
                await ctx.CallActivityAsync<int>("One", 2);
                log.LogInformation("step 3 replaying={Replaying}", ctx.IsReplaying);
                return null;
            })
            .AddActivity<int, int>("One", (x, _) => Task.FromResult(x)));

        await runtime.Client.StartAsync("Logs", null, "l");
        await runtime.Client.WaitForCompletionAsync("l");

        Assert.Equal(["step 1 replaying=False", "step 2 replaying=False", "step 3 replaying=False"], lines.Where(l => l.StartsWith("step", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Replay_CodeChangedBetweenEpisodes_FailsWithNonDeterminismNamingBothActions()
    {
        await using var fixture = new RuntimeFixture();
        var version = 1;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Changing", async ctx =>
            {
                await ctx.CallActivityAsync<int>(version == 1 ? "ReserveSeats" : "ChargeCard", 1);
                await ctx.WaitForExternalEvent<int>("go");
                return null;
            })
            .AddActivity<int, int>("ReserveSeats", (x, _) => Task.FromResult(x))
            .AddActivity<int, int>("ChargeCard", (x, _) => Task.FromResult(x)));

        await runtime.Client.StartAsync("Changing", null, "nd");
        await runtime.WaitForIdleAsync();
        version = 2;
        await runtime.Client.RaiseEventAsync("nd", "go", 1);
        var status = await runtime.Client.WaitForCompletionAsync("nd");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(NonDeterminismException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("activity 'ReserveSeats'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'ChargeCard'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CodeNowSchedulesExtraAction_FailsWithNonDeterminism()
    {
        await using var fixture = new RuntimeFixture();
        var extra = false;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Extra", async ctx =>
            {
                if (extra)
                {
                    _ = ctx.CallActivityAsync<int>("One", 0);
                }

                await ctx.WaitForExternalEvent<int>("go");
                return null;
            })
            .AddActivity<int, int>("One", (x, _) => Task.FromResult(x)));

        await runtime.Client.StartAsync("Extra", null, "x");
        await runtime.WaitForIdleAsync();
        extra = true;
        await runtime.Client.RaiseEventAsync("x", "go", 1);
        var status = await runtime.Client.WaitForCompletionAsync("x");

        Assert.Equal(typeof(NonDeterminismException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("end of the recorded history", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CodeNoLongerSchedulesRecordedAction_FailsWithNonDeterminism()
    {
        await using var fixture = new RuntimeFixture();
        var skip = false;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Fewer", async ctx =>
            {
                if (!skip)
                {
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
                }

                await ctx.WaitForExternalEvent<int>("go");
                return null;
            }));

        await runtime.Client.StartAsync("Fewer", null, "f");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        skip = true;
        await runtime.Client.RaiseEventAsync("f", "go", 1);
        var status = await runtime.Client.WaitForCompletionAsync("f");

        Assert.Equal(typeof(NonDeterminismException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("a timer", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orchestrator_AwaitsForeignTask_FailsWithClearError()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Foreign", async ctx =>
            {
                await Task.Delay(5);
                return null;
            }));

        await runtime.Client.StartAsync("Foreign", null, "fa");
        var status = await runtime.Client.WaitForCompletionAsync("fa");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Contains("did not create", status.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orchestrator_WhenAllOverActivities_CompletesInHistoryOrderAfterReplay()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("Fan", async ctx =>
            {
                var tasks = Enumerable.Range(1, 10).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToArray();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            })
            .AddActivity<int, int>("Square", (x, _) => Task.FromResult(x * x)));

        await runtime.Client.StartAsync("Fan", null, "fan");
        var status = await runtime.Client.WaitForCompletionAsync("fan");

        Assert.Equal("385", status.SerializedOutput);
    }
}
