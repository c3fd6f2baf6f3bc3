using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Tests;

public sealed class SuspendResumeTests
{
    private static DurableRuntimeBuilder AddWorkflows(DurableRuntimeBuilder builder, Counter counter, TaskCompletionSource? gate = null) => builder
        .AddActivity<string, string>("Count", async (s, _) =>
        {
            if (gate is not null)
            {
                await gate.Task;
            }

            counter.Increment(s);
            return s.ToUpperInvariant();
        })
        .AddOrchestrator("EventThenActivity", async ctx =>
        {
            var value = await ctx.WaitForExternalEvent<string>("go");
            return await ctx.CallActivityAsync<string>("Count", value);
        })
        .AddOrchestrator("TwoActivities", async ctx =>
        {
            var a = await ctx.CallActivityAsync<string>("Count", "a");
            var b = await ctx.CallActivityAsync<string>("Count", "b");
            return a + b;
        })
        .AddOrchestrator("Sleeper", async ctx =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
            return "woke";
        })
        .AddOrchestrator("Collector", async ctx =>
        {
            var items = new List<int>();
            while (true)
            {
                var n = await ctx.WaitForExternalEvent<int>("n");
                if (n == 0)
                {
                    return items;
                }

                items.Add(n);
            }
        })
        .AddOrchestrator("Generations", async ctx =>
        {
            var generation = ctx.GetInput<int>();
            var next = await ctx.WaitForExternalEvent<string>("next");
            if (next == "stop")
            {
                return generation;
            }

            ctx.ContinueAsNew(generation + 1);
            return null;
        });

    [Fact]
    public async Task SuspendAsync_EventRaisedWhileSuspended_HeldUntilResume()
    {
        await using var fixture = new RuntimeFixture();
        var counter = new Counter();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), counter));
        await runtime.Client.StartAsync("EventThenActivity", null, "s1");

        Assert.True(await runtime.Client.SuspendAsync("s1", "maintenance"));
        await runtime.Client.RaiseEventAsync("s1", "go", "x");
        await runtime.WaitForIdleAsync();

        Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("s1"))!.RuntimeStatus);
        Assert.Equal(0, counter.Total);

        Assert.True(await runtime.Client.ResumeAsync("s1", "done"));
        var status = await Completed(runtime, "s1");

        Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
        Assert.Equal("\"X\"", status.SerializedOutput);
        Assert.Equal(1, counter.Total);
    }

    [Fact]
    public async Task SuspendAsync_ActivityFinishesWhileSuspended_ResultHeldAndNextStepWaitsForResume()
    {
        await using var fixture = new RuntimeFixture();
        var counter = new Counter();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), counter, gate));
        await runtime.Client.StartAsync("TwoActivities", null, "s2");

        await runtime.Client.SuspendAsync("s2");
        gate.SetResult();
        await runtime.WaitForIdleAsync();

        Assert.Equal(1, counter.Of("a"));
        Assert.Equal(0, counter.Of("b"));
        Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("s2"))!.RuntimeStatus);

        await runtime.Client.ResumeAsync("s2");
        var status = await Completed(runtime, "s2");

        Assert.Equal("\"AB\"", status.SerializedOutput);
        Assert.Equal(1, counter.Of("a"));
        Assert.Equal(1, counter.Of("b"));
    }

    [Fact]
    public async Task SuspendAsync_TimerDueWhileSuspended_FiresOnResume()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), new Counter()));
        await runtime.Client.StartAsync("Sleeper", null, "s3");
        await runtime.Client.SuspendAsync("s3");

        await fixture.Clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("s3"))!.RuntimeStatus);
        await runtime.Client.ResumeAsync("s3");
        Assert.Equal("\"woke\"", (await Completed(runtime, "s3")).SerializedOutput);
    }

    [Fact]
    public async Task ResumeAsync_SeveralEventsHeld_DeliveredInArrivalOrder()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), new Counter()));
        await runtime.Client.StartAsync("Collector", null, "s4");
        await runtime.Client.RaiseEventAsync("s4", "n", 1);
        await runtime.Client.SuspendAsync("s4");
        foreach (var n in new[] { 2, 3, 4, 0 })
        {
            await runtime.Client.RaiseEventAsync("s4", "n", n);
        }

        await runtime.WaitForIdleAsync();
        Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("s4"))!.RuntimeStatus);

        await runtime.Client.ResumeAsync("s4");
        Assert.Equal("[1,2,3,4]", (await Completed(runtime, "s4")).SerializedOutput);
    }

    [Fact]
    public async Task SuspendAsync_SuspendedTwiceAndResumedTwice_IsIdempotent()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), new Counter()));
        await runtime.Client.StartAsync("Collector", null, "s5");

        Assert.True(await runtime.Client.SuspendAsync("s5"));
        Assert.True(await runtime.Client.SuspendAsync("s5"));
        await runtime.Client.RaiseEventAsync("s5", "n", 7);
        Assert.True(await runtime.Client.ResumeAsync("s5"));
        Assert.True(await runtime.Client.ResumeAsync("s5"));
        await runtime.WaitForIdleAsync();
        Assert.Equal(OrchestrationStatus.Running, (await runtime.Client.GetStatusAsync("s5"))!.RuntimeStatus);
        await runtime.Client.RaiseEventAsync("s5", "n", 0);

        Assert.Equal("[7]", (await Completed(runtime, "s5")).SerializedOutput);
    }

    [Fact]
    public async Task SuspendAndResume_UnknownOrFinishedInstance_ReturnFalse()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), new Counter()));
        await runtime.Client.StartAsync("EventThenActivity", null, "done");
        await runtime.Client.RaiseEventAsync("done", "go", "z");
        await runtime.Client.WaitForCompletionAsync("done");

        Assert.False(await runtime.Client.SuspendAsync("nope"));
        Assert.False(await runtime.Client.ResumeAsync("nope"));
        Assert.False(await runtime.Client.SuspendAsync("done"));
        Assert.False(await runtime.Client.ResumeAsync("done"));
        Assert.Equal(OrchestrationStatus.Completed, (await runtime.Client.GetStatusAsync("done"))!.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateAsync_SuspendedInstance_TerminatesAndDropsHeldMessages()
    {
        await using var fixture = new RuntimeFixture();
        var counter = new Counter();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(), counter));
        await runtime.Client.StartAsync("EventThenActivity", null, "s6");
        await runtime.Client.SuspendAsync("s6");
        await runtime.Client.RaiseEventAsync("s6", "go", "never");

        Assert.True(await runtime.Client.TerminateAsync("s6", "operator"));
        var status = await Completed(runtime, "s6");
        await runtime.WaitForIdleAsync();

        Assert.Equal(OrchestrationStatus.Terminated, status.RuntimeStatus);
        Assert.Equal(0, counter.Total);
        Assert.False(await runtime.Client.ResumeAsync("s6"));
        Assert.True(await runtime.Client.PurgeAsync("s6"));
    }

    [Fact]
    public async Task SuspendAsync_EvictedFromCache_ResumesByReplay()
    {
        await using var fixture = new RuntimeFixture();
        var counter = new Counter();
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder().Configure(o => o.MaxCachedInstances = 0), counter));
        await runtime.Client.StartAsync("Collector", null, "s7");
        await runtime.Client.RaiseEventAsync("s7", "n", 5);
        await runtime.Client.SuspendAsync("s7");
        await runtime.Client.RaiseEventAsync("s7", "n", 6);
        await runtime.Client.RaiseEventAsync("s7", "n", 0);
        await runtime.Client.ResumeAsync("s7");

        Assert.Equal("[5,6]", (await Completed(runtime, "s7")).SerializedOutput);
    }

    [Fact]
    public async Task SuspendAsync_RuntimeRestarted_StaysSuspendedWithHeldEvents()
    {
        using var temp = new TempFolder();
        var path = temp.File("suspend.db");
        var counter = new Counter();
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(path), counter));
            await runtime.Client.StartAsync("EventThenActivity", null, "s8");
            await runtime.Client.SuspendAsync("s8");
            await runtime.Client.RaiseEventAsync("s8", "go", "later");
            await runtime.WaitForIdleAsync();
        }

        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(path), counter));
            await runtime.WaitForIdleAsync();
            Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("s8"))!.RuntimeStatus);
            Assert.Equal(0, counter.Total);

            await runtime.Client.ResumeAsync("s8");
            Assert.Equal("\"LATER\"", (await Completed(runtime, "s8")).SerializedOutput);
        }
    }

    [Fact]
    public async Task SuspendAsync_ContinuedAsNewInTheSameBatch_NewGenerationHeldAndStartedOnResume()
    {
        await using var fixture = new RuntimeFixture();
        using var release = new ManualResetEventSlim();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var block = 0;
        var hooks = new FaultHooks
        {
            // Holding the dispatcher after a commit lets both requests below land in one batch, in order.
            OnCommitted = _ =>
            {
                if (Interlocked.Exchange(ref block, 0) == 1)
                {
                    held.TrySetResult();
                    release.Wait(TimeSpan.FromSeconds(10));
                }
            },
        };
        var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder().AddFaultHooks(hooks), new Counter()));
        await runtime.Client.StartAsync("Generations", 1, "s9");
        await runtime.WaitForIdleAsync();

        Volatile.Write(ref block, 1);
        var blocker = runtime.Client.RaiseEventAsync("s9", "unrelated", 0);
        await held.Task;
        var next = runtime.Client.RaiseEventAsync("s9", "next", "again");
        var suspend = runtime.Client.SuspendAsync("s9");
        release.Set();
        await Task.WhenAll(blocker, next, suspend);
        await runtime.WaitForIdleAsync();

        Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("s9"))!.RuntimeStatus);
        await runtime.Client.RaiseEventAsync("s9", "next", "stop");
        await runtime.Client.ResumeAsync("s9");
        var status = await Completed(runtime, "s9");

        Assert.Equal("2", status.SerializedOutput);
    }

    [Fact]
    public async Task Open_SchemaVersion1File_UpgradedInPlaceAndSuspendWorks()
    {
        using var temp = new TempFolder();
        var path = temp.File("v1.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(path), new Counter()));
            await runtime.Client.StartAsync("EventThenActivity", null, "old");
            await runtime.WaitForIdleAsync();
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE held_messages; ALTER TABLE instances DROP COLUMN version; ALTER TABLE instances DROP COLUMN trace_parent; PRAGMA user_version=1;";
            downgrade.ExecuteNonQuery();
        }

        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddWorkflows(fixture.Builder(path), new Counter()));
            Assert.True(await runtime.Client.SuspendAsync("old"));
            await runtime.Client.RaiseEventAsync("old", "go", "v2");
            await runtime.Client.ResumeAsync("old");
            Assert.Equal("\"V2\"", (await Completed(runtime, "old")).SerializedOutput);
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            Assert.Equal(4L, (long)version.ExecuteScalar()!);
        }
    }

    /// <summary>The final status; a watchdog turns a hang (the defect these tests look for) into a failure.</summary>
    private static async Task<InstanceStatus> Completed(DurableRuntime runtime, string instanceId)
    {
        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await runtime.Client.WaitForCompletionAsync(instanceId, watchdog.Token);
    }

    /// <summary>Counts activity executions per input.</summary>
    private sealed class Counter
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Total
        {
            get
            {
                lock (_counts)
                {
                    return _counts.Values.Sum();
                }
            }
        }

        public void Increment(string key)
        {
            lock (_counts)
            {
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
        }

        public int Of(string key)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(key);
            }
        }
    }
}
