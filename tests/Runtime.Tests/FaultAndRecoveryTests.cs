using System.Collections.Concurrent;
using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Tests;

public sealed class FaultAndRecoveryTests
{
    /// <summary>Participant effects deduplicated on the idempotency key (what a real participant does).</summary>
    private sealed class Effects
    {
        public ConcurrentDictionary<string, int> Applied { get; } = new();

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public Task<string> ApplyAsync(string key)
        {
            Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            Applied.TryAdd(key, 1);
            return Task.FromResult("done:" + key);
        }
    }

    private static DurableRuntimeBuilder AddIdempotentOrder(DurableRuntimeBuilder builder, Effects effects) => builder
        .AddOrchestrator("IdemOrder", async ctx =>
        {
            var results = new List<string>();
            foreach (var step in new[] { "charge", "reserve", "ship", "email" })
            {
                results.Add(await ctx.CallActivityAsync<string>("Apply", $"{ctx.InstanceId}:{step}"));
            }

            return results.Count;
        })
        .AddActivity<string, string>("Apply", (key, _) => effects.ApplyAsync(key));

    [Fact]
    public async Task CrashAfterCommit_EveryCommitPoint_RestartCompletesWithEachEffectOnce()
    {
        // A clean run tells how many commit points the saga has.
        int commitPoints;
        await using (var clean = new RuntimeFixture())
        {
            using var temp = new TempFolder();
            var counted = 0;
            var runtime = await clean.StartAsync(AddIdempotentOrder(
                clean.Builder(temp.File("clean.db")).AddFaultHooks(new FaultHooks { OnCommitted = point => counted = point }), new Effects()));
            await runtime.Client.StartAsync("IdemOrder", null, "clean");
            await runtime.Client.WaitForCompletionAsync("clean");
            commitPoints = Volatile.Read(ref counted);
        }

        Assert.Equal(5, commitPoints);
        for (var k = 1; k <= commitPoints; k++)
        {
            using var temp = new TempFolder();
            var path = temp.File("crash.db");
            var effects = new Effects();
            await using var fixture = new RuntimeFixture();
            var crashing = await fixture.StartAsync(AddIdempotentOrder(fixture.Builder(path), effects).AddFaultHooks(new FaultHooks().CrashAfterCommit(k)));
            try
            {
                await crashing.Client.StartAsync("IdemOrder", null, "o");
            }
            catch (SimulatedCrashException)
            {
                // k == 1: the start committed, but the answer was lost with the process.
            }

            await crashing.Stopped;
            var fault = Assert.IsType<SimulatedCrashException>(crashing.Fault);
            Assert.Equal(k, fault.CommitPoint);
            await crashing.DisposeAsync();

            var recovered = await fixture.StartAsync(AddIdempotentOrder(fixture.Builder(path), effects));
            await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(31)); // let the dead process's activity lease expire
            var status = await recovered.Client.WaitForCompletionAsync("o");

            Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
            Assert.Equal("4", status.SerializedOutput);
            Assert.Equal(4, effects.Applied.Count);
            Assert.All(effects.Applied.Values, n => Assert.Equal(1, n));
        }
    }

    [Fact]
    public async Task CrashAfterCommit_ClientCallsAfterCrash_FailWithCrash()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder().AddFaultHooks(new FaultHooks().CrashAfterCommit(1)));

        await Assert.ThrowsAsync<SimulatedCrashException>(() => runtime.Client.StartAsync(Workflows.Order, new OrderInput("x", 1), "x"));
        await runtime.Stopped;

        await Assert.ThrowsAsync<SimulatedCrashException>(() => runtime.Client.GetStatusAsync("x"));
    }

    [Fact]
    public async Task VirtualClock_AdvanceAsyncAfterRuntimeCrashed_DoesNotThrow()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder().AddFaultHooks(new FaultHooks().CrashAfterCommit(2)));
        await runtime.Client.StartAsync(Workflows.Order, new OrderInput("c", 1), "c");
        await runtime.Stopped;

        await fixture.Clock.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.IsType<SimulatedCrashException>(runtime.Fault);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => runtime.WaitForIdleAsync());
    }

    [Fact]
    public async Task ActivityLease_WorkOfDeadProcess_RunsOnlyAfterLeaseExpiry()
    {
        using var temp = new TempFolder();
        var path = temp.File("lease.db");
        await using var fixture = new RuntimeFixture();
        var firstRuns = 0;
        var hang = new TaskCompletionSource<int>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await fixture.StartAsync(fixture.Builder(path)
            .Configure(o => o.ActivityLease = TimeSpan.FromMinutes(2))
            .AddOrchestrator("Leased", async ctx => await ctx.CallActivityAsync<int>("Work", 1))
            .AddActivity<int, int>("Work", (_, _) =>
            {
                Interlocked.Increment(ref firstRuns);
                started.TrySetResult();
                return hang.Task;
            }));
        await first.Client.StartAsync("Leased", null, "l");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync(); // the activity never finished: its row and lease stay behind, as after a crash

        var secondRuns = 0;
        var second = await fixture.StartAsync(fixture.Builder(path)
            .Configure(o => o.ActivityLease = TimeSpan.FromMinutes(2))
            .AddOrchestrator("Leased", async ctx => await ctx.CallActivityAsync<int>("Work", 1))
            .AddActivity<int, int>("Work", (x, _) =>
            {
                Interlocked.Increment(ref secondRuns);
                return Task.FromResult(x + 41);
            }));
        await second.WaitForIdleAsync();
        var beforeExpiry = secondRuns;
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(119));
        var justBefore = secondRuns;
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(2));
        var status = await second.Client.WaitForCompletionAsync("l");

        Assert.Equal(1, firstRuns);
        Assert.Equal(0, beforeExpiry);
        Assert.Equal(0, justBefore);
        Assert.Equal(1, secondRuns);
        Assert.Equal("42", status.SerializedOutput);
    }

    [Fact]
    public async Task FailActivity_WithRuntimeRetryPolicy_RetriesOnDurableTimersThenSucceeds()
    {
        await using var fixture = new RuntimeFixture();
        var hooks = new FaultHooks().FailActivity("Flaky", 2);
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddFaultHooks(hooks)
            .AddOrchestrator("Retrying", async ctx => await ctx.CallActivityAsync<int>("Flaky", 1, new RetryPolicy(3, TimeSpan.FromSeconds(10))))
            .AddActivity<int, int>("Flaky", (x, _) => Task.FromResult(x * 100)));

        await runtime.Client.StartAsync("Retrying", null, "r");
        await runtime.WaitForIdleAsync();
        var afterFirst = hooks.AttemptsOf("r", "Flaky");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(10));
        var afterSecond = hooks.AttemptsOf("r", "Flaky");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(19));
        var notYet = (await runtime.Client.GetStatusAsync("r"))!.RuntimeStatus;
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        var status = await runtime.Client.WaitForCompletionAsync("r");

        Assert.Equal(1, afterFirst);
        Assert.Equal(2, afterSecond);
        Assert.Equal(OrchestrationStatus.Running, notYet);
        Assert.Equal(3, hooks.AttemptsOf("r", "Flaky"));
        Assert.Equal("100", status.SerializedOutput);
    }

    [Fact]
    public async Task FailActivity_RetriesExhausted_OrchestratorSeesInjectedFault()
    {
        await using var fixture = new RuntimeFixture();
        var hooks = new FaultHooks().FailActivity("Flaky", 5);
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddFaultHooks(hooks)
            .AddOrchestrator("GivesUp", async ctx => await ctx.CallActivityAsync<int>("Flaky", 1, new RetryPolicy(2, TimeSpan.FromSeconds(1))))
            .AddActivity<int, int>("Flaky", (x, _) => Task.FromResult(x)));

        await runtime.Client.StartAsync("GivesUp", null, "g");
        await runtime.WaitForIdleAsync();
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        var status = await runtime.Client.WaitForCompletionAsync("g");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(ActivityFailedException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains(typeof(InjectedFaultException).FullName!, status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("attempt 2", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, hooks.AttemptsOf("g", "Flaky"));
    }

    [Fact]
    public void FaultHooks_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultHooks().FailActivity("x", 0));
        Assert.Throws<ArgumentException>(() => new FaultHooks().FailActivity(" ", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultHooks().CrashAfterCommit(0));
    }

    [Fact]
    public async Task FaultHooks_OnCommitted_ReportsEachCommitPointInOrder()
    {
        var points = new ConcurrentQueue<int>();
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder().AddFaultHooks(new FaultHooks { OnCommitted = points.Enqueue }));

        await runtime.Client.StartAsync(Workflows.Order, new OrderInput("p", 1), "p");
        await runtime.Client.WaitForCompletionAsync("p");

        Assert.Equal([1, 2, 3, 4, 5], points);
    }

    [Fact]
    public async Task MaxCachedInstances_Exceeded_EvictsIdleInstancesWhichReplayWhenTheyWake()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 2)
            .AddOrchestrator("Sleeper", async ctx =>
            {
                var a = await ctx.CallActivityAsync<int>("Inc", 1);
                var b = await ctx.WaitForExternalEvent<int>("wake");
                return a + b;
            })
            .AddActivity<int, int>("Inc", (x, _) => Task.FromResult(x + 1)));

        for (var i = 0; i < 5; i++)
        {
            await runtime.Client.StartAsync("Sleeper", null, $"s{i}");
        }

        await runtime.WaitForIdleAsync();
        var cached = runtime.CachedInstanceCount;
        for (var i = 0; i < 5; i++)
        {
            await runtime.Client.RaiseEventAsync($"s{i}", "wake", i);
        }

        var outputs = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            outputs.Add((await runtime.Client.WaitForCompletionAsync($"s{i}")).SerializedOutput);
        }

        Assert.True(cached <= 2, $"cached {cached}");
        Assert.True(runtime.ReplayCount >= 3, $"replays {runtime.ReplayCount}");
        Assert.Equal(["2", "3", "4", "5", "6"], outputs);
    }

    [Fact]
    public async Task VirtualClock_AdvanceAsync_ReturnsAfterRuntimeIsIdle()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Later", async ctx =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
                return await ctx.CallActivityAsync<int>("Inc", 1);
            })
            .AddActivity<int, int>("Inc", (x, _) => Task.FromResult(x + 1)));
        await runtime.Client.StartAsync("Later", null, "later");

        await fixture.Clock.AdvanceAsync(TimeSpan.FromHours(1));
        var status = await runtime.Client.GetStatusAsync("later");

        Assert.Equal(OrchestrationStatus.Completed, status!.RuntimeStatus);
    }

    [Fact]
    public void VirtualClock_BackwardsOrNegative_Throws()
    {
        var clock = new VirtualClock(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        clock.SetUtcNow(new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Equal(new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc), clock.UtcNow);
        Assert.True(clock.IsVirtual);
    }
}
