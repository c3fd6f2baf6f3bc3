namespace SagaFunctions.Runtime.Tests;

public sealed class DispatchTests
{
    [Fact]
    public async Task GroupCommit_FiftyTimersDueTogether_CommitInOneTransaction()
    {
        await using var fixture = new RuntimeFixture();
        var commits = 0;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddFaultHooks(new FaultHooks { OnCommitted = point => commits = point })
            .AddOrchestrator("Nap", async ctx =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
                return ctx.InstanceId;
            }));
        for (var i = 0; i < 50; i++)
        {
            await runtime.Client.StartAsync("Nap", null, $"nap{i}");
        }

        await runtime.WaitForIdleAsync();
        var before = Volatile.Read(ref commits);
        await fixture.Clock.AdvanceAsync(TimeSpan.FromHours(1));
        var completed = await runtime.Client.QueryAsync(new InstanceQuery(Statuses: [OrchestrationStatus.Completed]));

        Assert.Equal(1, Volatile.Read(ref commits) - before);
        Assert.Equal(50, completed.Instances.Count);
    }

    [Fact]
    public async Task ActivityConcurrency_Two_NeverRunsMoreThanTwoBodiesAtOnce()
    {
        await using var fixture = new RuntimeFixture();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = 0;
        var max = 0;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.ActivityConcurrency = 2)
            .AddOrchestrator("Wide", async ctx =>
            {
                var all = Enumerable.Range(0, 10).Select(i => ctx.CallActivityAsync<int>("Gated", i)).ToArray();
                return (await Task.WhenAll(all)).Sum();
            })
            .AddActivity<int, int>("Gated", async (x, _) =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref max, now);
                await gate.Task;
                Interlocked.Decrement(ref current);
                return x;
            }));

        await runtime.Client.StartAsync("Wide", null, "wide");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref current) < 2)
        {
            await Task.Delay(5, limit.Token);
        }

        await Task.Delay(50, limit.Token); // give a broken bound the chance to start more bodies
        gate.SetResult();
        var status = await runtime.Client.WaitForCompletionAsync("wide");

        Assert.Equal("45", status.SerializedOutput);
        Assert.Equal(2, max);
    }

    [Fact]
    public async Task CancelledTimers_ManyInstances_HeapIsCompactedToLiveTimers()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Approval", async ctx =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), cts.Token);
                var approval = ctx.WaitForExternalEvent<bool>("approval", cts.Token);
                await Task.WhenAny(approval, timer);
                cts.Cancel();
                return null;
            }));
        const int count = 1_200;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => runtime.Client.StartAsync("Approval", null, $"a{i}")));
        await runtime.WaitForIdleAsync();
        var armed = runtime.TimerHeapCount;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => runtime.Client.RaiseEventAsync($"a{i}", "approval", true)));
        await runtime.Client.StartAsync("Approval", null, "last"); // arms one more timer: the heap is compacted then
        await runtime.WaitForIdleAsync();

        Assert.Equal(count, armed);
        Assert.Equal(1, runtime.TimerHeapCount);
        var done = await runtime.Client.QueryAsync(new InstanceQuery(Statuses: [OrchestrationStatus.Completed], PageSize: 2_000));
        Assert.Equal(count, done.Instances.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
