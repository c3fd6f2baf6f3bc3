using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Tests;

public sealed class ClientTests
{
    private static DurableRuntimeBuilder AddWaiter(DurableRuntimeBuilder builder) => builder
        .AddOrchestrator("Waiter", async ctx =>
        {
            ctx.SetCustomStatus(new { phase = "waiting" });
            var value = await ctx.WaitForExternalEvent<int>("go");
            ctx.SetCustomStatus(new { phase = "done" });
            return value * 2;
        })
        .AddOrchestrator("Thrower", ctx => throw new InvalidOperationException("boom at start"))
        .AddActivity<int, int>("Fail", (x, _) => throw new TimeoutException($"participant timed out for {x}"))
        .AddOrchestrator("CatchActivity", async ctx =>
        {
            try
            {
                await ctx.CallActivityAsync<int>("Fail", 7);
                return "no error";
            }
            catch (ActivityFailedException ex)
            {
                return $"{ex.ActivityName}|{ex.ErrorType}|{ex.ErrorMessage}";
            }
        });

    [Fact]
    public async Task StartAsync_DuplicateInstanceId_DoesNotRunSecondInstance()
    {
        await using var fixture = new RuntimeFixture();
        var runs = 0;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Once", async ctx =>
            {
                if (!ctx.IsReplaying)
                {
                    Interlocked.Increment(ref runs);
                }

                return await ctx.WaitForExternalEvent<int>("go");
            }));

        var first = await runtime.Client.StartAsync("Once", 1, "dup");
        var second = await runtime.Client.StartAsync("Once", 2, "dup");
        await runtime.Client.RaiseEventAsync("dup", "go", 5);
        var status = await runtime.Client.WaitForCompletionAsync("dup");
        var third = await runtime.Client.StartAsync("Once", 3, "dup");

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.False(third.Created);
        Assert.Equal(1, runs);
        Assert.Equal("1", status.SerializedInput);
    }

    [Fact]
    public async Task StartAsync_ConcurrentDuplicates_ExactlyOneCreated()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => runtime.Client.StartAsync("Waiter", null, "same")));

        Assert.Single(results, r => r.Created);
    }

    [Fact]
    public async Task StartAsync_NoInstanceId_GeneratesOne()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        var result = await runtime.Client.StartAsync("Waiter", null);

        Assert.True(result.Created);
        Assert.Equal(32, result.InstanceId.Length);
        Assert.NotNull(await runtime.Client.GetStatusAsync(result.InstanceId));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("bad\nid")]
    public async Task StartAsync_InvalidInstanceId_ThrowsArgumentException(string id)
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => runtime.Client.StartAsync("Waiter", null, id));
    }

    [Fact]
    public async Task StartAsync_InstanceIdTooLong_ThrowsArgumentException()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => runtime.Client.StartAsync("Waiter", null, new string('x', 300)));
        Assert.Contains("256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsNotFound()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        var ex = await Assert.ThrowsAsync<InstanceNotFoundException>(() => runtime.Client.RaiseEventAsync("ghost", "go", 1));
        Assert.Equal("ghost", ex.InstanceId);
    }

    [Fact]
    public async Task RaiseEventAsync_FinishedInstance_ThrowsCompletedGone()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Waiter", null, "w");
        await runtime.Client.RaiseEventAsync("w", "go", 1);
        await runtime.Client.WaitForCompletionAsync("w");

        var ex = await Assert.ThrowsAsync<InstanceCompletedException>(() => runtime.Client.RaiseEventAsync("w", "go", 2));
        Assert.Equal(OrchestrationStatus.Completed, ex.Status);
    }

    [Fact]
    public async Task GetStatusAsync_RunningAndCompleted_ReportsAllFields()
    {
        await using var fixture = new RuntimeFixture();
        var created = fixture.Clock.UtcNow;
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Waiter", new { a = 1 }, "s");
        await runtime.WaitForIdleAsync();
        var running = await runtime.Client.GetStatusAsync("s");

        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await runtime.Client.RaiseEventAsync("s", "go", 21);
        await runtime.Client.WaitForCompletionAsync("s");
        var done = await runtime.Client.GetStatusAsync("s");
        var lean = await runtime.Client.GetStatusAsync("s", includePayloads: false);

        Assert.Equal(OrchestrationStatus.Running, running!.RuntimeStatus);
        Assert.Equal("{\"phase\":\"waiting\"}", running.SerializedCustomStatus);
        Assert.Equal("Waiter", running.Name);
        Assert.Equal(new DateTimeOffset(created), running.CreatedAt);
        Assert.Equal(OrchestrationStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("{\"a\":1}", done.SerializedInput);
        Assert.Equal("42", done.SerializedOutput);
        Assert.Equal("{\"phase\":\"done\"}", done.SerializedCustomStatus);
        Assert.Equal(new DateTimeOffset(created.AddMinutes(3)), done.LastUpdatedAt);
        Assert.Null(done.FailureDetails);
        Assert.True(done.IsFinished);
        Assert.Null(lean!.SerializedInput);
        Assert.Null(lean.SerializedOutput);
        Assert.Null(lean.SerializedCustomStatus);
    }

    [Fact]
    public async Task GetStatusAsync_UnknownInstance_ReturnsNull()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        Assert.Null(await runtime.Client.GetStatusAsync("nope"));
    }

    [Fact]
    public async Task Orchestrator_Throws_FailedWithTypeAndMessage()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        await runtime.Client.StartAsync("Thrower", null, "t");
        var status = await runtime.Client.WaitForCompletionAsync("t");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Equal(new FailureDetails("System.InvalidOperationException", "boom at start"), status.FailureDetails);
        Assert.Null(status.SerializedOutput);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorSeesActivityFailedException()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        await runtime.Client.StartAsync("CatchActivity", null, "ca");
        var status = await runtime.Client.WaitForCompletionAsync("ca");

        Assert.Equal("\"Fail|System.TimeoutException|participant timed out for 7\"", status.SerializedOutput);
    }

    [Fact]
    public async Task QueryAsync_FiltersByStatusNameAndCreatedRange_PagesNewestFirst()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        var t0 = fixture.Clock.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await runtime.Client.StartAsync("Waiter", null, $"w{i}");
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await runtime.Client.StartAsync("Thrower", null, "t0");
        await runtime.WaitForIdleAsync();
        await runtime.Client.RaiseEventAsync("w0", "go", 1);
        await runtime.Client.WaitForCompletionAsync("w0");

        var page1 = await runtime.Client.QueryAsync(new InstanceQuery(Name: "Waiter", PageSize: 2));
        var page2 = await runtime.Client.QueryAsync(new InstanceQuery(Name: "Waiter", PageSize: 2, ContinuationToken: page1.ContinuationToken));
        var page3 = await runtime.Client.QueryAsync(new InstanceQuery(Name: "Waiter", PageSize: 2, ContinuationToken: page2.ContinuationToken));
        var running = await runtime.Client.QueryAsync(new InstanceQuery(Statuses: [OrchestrationStatus.Running]));
        var finished = await runtime.Client.QueryAsync(new InstanceQuery(Statuses: [OrchestrationStatus.Completed, OrchestrationStatus.Failed]));
        var range = await runtime.Client.QueryAsync(new InstanceQuery(CreatedFrom: new DateTimeOffset(t0.AddMinutes(1)), CreatedTo: new DateTimeOffset(t0.AddMinutes(2))));

        Assert.Equal(["w4", "w3"], page1.Instances.Select(i => i.InstanceId));
        Assert.Equal(["w2", "w1"], page2.Instances.Select(i => i.InstanceId));
        Assert.Equal(["w0"], page3.Instances.Select(i => i.InstanceId));
        Assert.Null(page3.ContinuationToken);
        Assert.Equal(["w4", "w3", "w2", "w1"], running.Instances.Select(i => i.InstanceId));
        Assert.Equal(["t0", "w0"], finished.Instances.Select(i => i.InstanceId));
        Assert.Equal(["w2", "w1"], range.Instances.Select(i => i.InstanceId));
        Assert.All(page1.Instances, i => Assert.Null(i.SerializedCustomStatus));
    }

    [Fact]
    public async Task QueryAsync_BadTokenOrPageSize_ThrowsArgumentException()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        await Assert.ThrowsAsync<ArgumentException>(() => runtime.Client.QueryAsync(new InstanceQuery(ContinuationToken: "garbage!")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runtime.Client.QueryAsync(new InstanceQuery(PageSize: 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => runtime.Client.QueryAsync(new InstanceQuery(
            CreatedFrom: DateTimeOffset.UnixEpoch.AddDays(2), CreatedTo: DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public async Task TerminateAsync_Running_TerminatesAndLateActivityResultIsIgnored()
    {
        await using var fixture = new RuntimeFixture();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Slow", async ctx => await ctx.CallActivityAsync<int>("Hold", 1))
            .AddActivity<int, int>("Hold", (_, _) => release.Task));
        await runtime.Client.StartAsync("Slow", null, "slow");

        var terminated = await runtime.Client.TerminateAsync("slow", "operator said so");
        release.SetResult(5);
        await runtime.WaitForIdleAsync();
        var status = await runtime.Client.GetStatusAsync("slow");

        Assert.True(terminated);
        Assert.Equal(OrchestrationStatus.Terminated, status!.RuntimeStatus);
        Assert.Equal("\"operator said so\"", status.SerializedOutput);
    }

    [Fact]
    public async Task TerminateAsync_UnknownOrFinished_ReturnsFalse()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Thrower", null, "gone");
        await runtime.Client.WaitForCompletionAsync("gone");

        Assert.False(await runtime.Client.TerminateAsync("unknown", null));
        Assert.False(await runtime.Client.TerminateAsync("gone", null));
        Assert.Equal(OrchestrationStatus.Failed, (await runtime.Client.GetStatusAsync("gone"))!.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateAsync_EvictedInstance_TerminatesWithoutReplay()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()).Configure(o => o.MaxCachedInstances = 0));
        await runtime.Client.StartAsync("Waiter", null, "ev");
        await runtime.WaitForIdleAsync();

        Assert.True(await runtime.Client.TerminateAsync("ev", "bye"));
        var status = await runtime.Client.WaitForCompletionAsync("ev");

        Assert.Equal(OrchestrationStatus.Terminated, status.RuntimeStatus);
        Assert.Equal(0, runtime.ReplayCount);
    }

    [Fact]
    public async Task PurgeAsync_ById_RemovesFinishedOnly()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Thrower", null, "done");
        await runtime.Client.WaitForCompletionAsync("done");
        await runtime.Client.StartAsync("Waiter", null, "alive");
        await runtime.WaitForIdleAsync();

        Assert.True(await runtime.Client.PurgeAsync("done"));
        Assert.False(await runtime.Client.PurgeAsync("done"));
        Assert.False(await runtime.Client.PurgeAsync("alive"));
        Assert.False(await runtime.Client.PurgeAsync("never"));
        Assert.Null(await runtime.Client.GetStatusAsync("done"));
        Assert.NotNull(await runtime.Client.GetStatusAsync("alive"));
        Assert.True((await runtime.Client.StartAsync("Thrower", null, "done")).Created);
    }

    [Fact]
    public async Task PurgeAsync_FinishedBefore_RemovesOnlyOlderFinished()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Thrower", null, "old1");
        await runtime.Client.StartAsync("Thrower", null, "old2");
        await runtime.Client.StartAsync("Waiter", null, "running");
        await runtime.WaitForIdleAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var cutoff = new DateTimeOffset(fixture.Clock.UtcNow);
        await runtime.Client.StartAsync("Thrower", null, "new");
        await runtime.Client.WaitForCompletionAsync("new");
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        var purged = await runtime.Client.PurgeAsync(cutoff);

        Assert.Equal(2, purged);
        Assert.Null(await runtime.Client.GetStatusAsync("old1"));
        Assert.NotNull(await runtime.Client.GetStatusAsync("new"));
        Assert.NotNull(await runtime.Client.GetStatusAsync("running"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_UnknownInstance_ThrowsNotFound()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => runtime.Client.WaitForCompletionAsync("nobody"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Waiter", null, "forever");
        using var cts = new CancellationTokenSource();

        var wait = runtime.Client.WaitForCompletionAsync("forever", cts.Token);
        await runtime.WaitForIdleAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Client_BeforeStartOrAfterDispose_ThrowsClearly()
    {
        var runtime = new DurableRuntimeBuilder().UseInMemory().AddOrder().Build();

        var before = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Client.GetStatusAsync("x"));
        await runtime.StartAsync();
        await runtime.DisposeAsync();
        var after = await Assert.ThrowsAsync<ObjectDisposedException>(() => runtime.Client.GetStatusAsync("x"));

        Assert.Contains("StartAsync", before.Message, StringComparison.Ordinal);
        Assert.Contains("disposed", after.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_Twice_ThrowsInvalidOperation()
    {
        await using var runtime = new DurableRuntimeBuilder().UseInMemory().AddOrder().Build();
        await runtime.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.StartAsync());
    }

    [Fact]
    public async Task Client_AfterFailedStart_ThrowsNotStarted()
    {
        using var temp = new TempFolder();
        var path = temp.File("junk.db");
        await File.WriteAllTextAsync(path, new string('j', 5000));
        await using var runtime = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();
        await Assert.ThrowsAsync<DurableStoreException>(() => runtime.StartAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Client.GetStatusAsync("x"));
    }

    [Fact]
    public async Task TerminateAndPurge_FileStore_RemoveTimersThenAllRows()
    {
        using var temp = new TempFolder();
        var path = temp.File("purge.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .AddOrchestrator("Sleeps", async ctx =>
                {
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(1), CancellationToken.None);
                    return null;
                }));
            await runtime.Client.StartAsync("Sleeps", null, "z");
            await runtime.WaitForIdleAsync();

            await runtime.Client.TerminateAsync("z", "stop");
            await fixture.Clock.AdvanceAsync(TimeSpan.FromDays(2));
            Assert.Equal(OrchestrationStatus.Terminated, (await runtime.Client.GetStatusAsync("z"))!.RuntimeStatus);
            Assert.True(await runtime.Client.PurgeAsync("z"));
        }

        Assert.Equal(0L, EventAndTimerTests.CountRows(path, "timers"));
        Assert.Equal(0L, EventAndTimerTests.CountRows(path, "history"));
        Assert.Equal(0L, EventAndTimerTests.CountRows(path, "instances"));
    }

    [Fact]
    public async Task DisposeAsync_WithPendingWaiter_FailsWaiterWithObjectDisposed()
    {
        var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddWaiter(fixture.Builder()));
        await runtime.Client.StartAsync("Waiter", null, "pending");
        var wait = runtime.Client.WaitForCompletionAsync("pending");
        await runtime.WaitForIdleAsync();

        await fixture.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait);
    }
}
