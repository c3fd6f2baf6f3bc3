using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Tests;

public sealed class EventAndTimerTests
{
    [Fact]
    public async Task WaitForExternalEvent_EventsRaisedBeforeWait_AreBufferedFifoPerName()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Buffered", async ctx =>
            {
                await ctx.WaitForExternalEvent<string>("start");
                var a = await ctx.WaitForExternalEvent<int>("n");
                var b = await ctx.WaitForExternalEvent<int>("n");
                var c = await ctx.WaitForExternalEvent<int>("n");
                return new[] { a, b, c };
            }));

        await runtime.Client.StartAsync("Buffered", null, "b");
        await runtime.Client.RaiseEventAsync("b", "n", 1);
        await runtime.Client.RaiseEventAsync("b", "n", 2);
        await runtime.Client.RaiseEventAsync("b", "n", 3);
        await runtime.Client.RaiseEventAsync("b", "start", "go");
        var status = await runtime.Client.WaitForCompletionAsync("b");

        Assert.Equal("[1,2,3]", status.SerializedOutput);
    }

    [Fact]
    public async Task WaitForExternalEvent_BufferedEventsAfterReplay_StillFifo()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = 0)
            .AddOrchestrator("BufferedReplay", async ctx =>
            {
                await ctx.WaitForExternalEvent<string>("start");
                var a = await ctx.WaitForExternalEvent<int>("n");
                var b = await ctx.WaitForExternalEvent<int>("n");
                return new[] { a, b };
            }));

        await runtime.Client.StartAsync("BufferedReplay", null, "br");
        await runtime.Client.RaiseEventAsync("br", "n", 10);
        await runtime.Client.RaiseEventAsync("br", "n", 20);
        await runtime.Client.RaiseEventAsync("br", "start", "go");
        var status = await runtime.Client.WaitForCompletionAsync("br");

        Assert.Equal("[10,20]", status.SerializedOutput);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetBufferedEvents_EventsNotAwaited_AreListedCachedOrRebuiltFromHistory(bool cached)
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxCachedInstances = cached ? 100 : 0)
            .AddOrchestrator("Waits", async ctx => await ctx.WaitForExternalEvent<string>("payment")));

        await runtime.Client.StartAsync("Waits", null, "w");
        await runtime.Client.RaiseEventAsync("w", "payed", new { id = 1 });
        await runtime.Client.RaiseEventAsync("w", "payed", new { id = 2 });
        await runtime.WaitForIdleAsync();

        var buffered = await runtime.Client.GetBufferedEventsAsync("w");

        Assert.Equal(["payed", "payed"], buffered.Select(e => e.Name));
        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], buffered.Select(e => e.SerializedPayload));
        await runtime.Client.RaiseEventAsync("w", "payment", "ok");
        await runtime.Client.WaitForCompletionAsync("w");
        Assert.Empty(await runtime.Client.GetBufferedEventsAsync("w"));
        Assert.Empty(await runtime.Client.GetBufferedEventsAsync("unknown"));
    }

    [Fact]
    public async Task EventRacedAgainstTimer_EventWins_TimerCancelledAndDeletedAndNeverFires()
    {
        using var temp = new TempFolder();
        var path = temp.File("race.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .AddOrchestrator("Race", async ctx =>
                {
                    using var cts = new CancellationTokenSource();
                    var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), cts.Token);
                    var approval = ctx.WaitForExternalEvent<bool>("approval");
                    var winner = await Task.WhenAny(approval, timer);
                    if (winner == approval)
                    {
                        cts.Cancel();
                    }

                    var outcome = winner == approval ? "approved" : "timeout";
                    await ctx.WaitForExternalEvent<int>("close");
                    return outcome;
                }));

            await runtime.Client.StartAsync("Race", null, "r");
            await runtime.Client.RaiseEventAsync("r", "approval", true);
            await runtime.WaitForIdleAsync();
            await fixture.Clock.AdvanceAsync(TimeSpan.FromDays(31));
            var stillRunning = await runtime.Client.GetStatusAsync("r");
            await runtime.Client.RaiseEventAsync("r", "close", 1);
            var status = await runtime.Client.WaitForCompletionAsync("r");

            Assert.Equal(OrchestrationStatus.Running, stillRunning!.RuntimeStatus);
            Assert.Equal("\"approved\"", status.SerializedOutput);
        }

        Assert.Equal(0L, CountRows(path, "timers"));
        Assert.Equal(0L, CountRows(path, "history WHERE kind = 5"));
    }

    [Fact]
    public async Task EventRacedAgainstTimer_NoEvent_ThirtyDayTimeoutFiresOnVirtualAdvance()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Approval", async ctx =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), cts.Token);
                var approval = ctx.WaitForExternalEvent<bool>("approval", cts.Token);
                var winner = await Task.WhenAny(approval, timer);
                cts.Cancel();
                return winner == approval ? "approved" : "timeout";
            }));

        await runtime.Client.StartAsync("Approval", null, "a");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromDays(29));
        var before = await runtime.Client.GetStatusAsync("a");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromDays(1));
        var status = await runtime.Client.WaitForCompletionAsync("a");

        Assert.Equal(OrchestrationStatus.Running, before!.RuntimeStatus);
        Assert.Equal("\"timeout\"", status.SerializedOutput);
    }

    [Fact]
    public async Task CreateTimer_AlreadyCancelledToken_ReturnsCancelledWithoutScheduling()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("PreCancelled", async ctx =>
            {
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(1), new CancellationToken(canceled: true));
                var evt = ctx.WaitForExternalEvent<int>("e", new CancellationToken(canceled: true));
                await ctx.CallActivityAsync<int>("One", 1);
                return new[] { timer.IsCanceled, evt.IsCanceled };
            })
            .AddActivity<int, int>("One", (x, _) => Task.FromResult(x)));

        await runtime.Client.StartAsync("PreCancelled", null, "pc");
        await runtime.WaitForIdleAsync();
        var status = await runtime.Client.WaitForCompletionAsync("pc");

        Assert.Equal("[true,true]", status.SerializedOutput);
    }

    [Fact]
    public async Task Timer_DueWhileProcessWasDown_FiresOnRestart()
    {
        using var temp = new TempFolder();
        var path = temp.File("timers.db");
        await using var fixture = new RuntimeFixture();
        DurableRuntimeBuilder Build() => fixture.Builder(path)
            .AddOrchestrator("Reminder", async ctx =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), CancellationToken.None);
                return await ctx.CallActivityAsync<string>("Remind", "ping");
            })
            .AddActivity<string, string>("Remind", (s, _) => Task.FromResult(s + "!"));

        var first = await fixture.StartAsync(Build());
        await first.Client.StartAsync("Reminder", null, "rem");
        await first.WaitForIdleAsync();
        await first.DisposeAsync();

        fixture.Clock.Advance(TimeSpan.FromDays(31));
        var second = await fixture.StartAsync(Build());
        var status = await second.Client.WaitForCompletionAsync("rem");

        Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
        Assert.Equal("\"ping!\"", status.SerializedOutput);
    }

    [Fact]
    public async Task WaitForExternalEvent_CancelledWhileWaiting_LaterEventIsBufferedForNextWait()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("CancelWait", async ctx =>
            {
                using var cts = new CancellationTokenSource();
                var first = ctx.WaitForExternalEvent<int>("x", cts.Token);
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(5), CancellationToken.None);
                await Task.WhenAny(first, timer);
                cts.Cancel();
                var second = await ctx.WaitForExternalEvent<int>("x");
                return new object[] { first.IsCanceled, second };
            }));

        await runtime.Client.StartAsync("CancelWait", null, "cw");
        await fixture.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        await runtime.Client.RaiseEventAsync("cw", "x", 7);
        var status = await runtime.Client.WaitForCompletionAsync("cw");

        Assert.Equal("[true,7]", status.SerializedOutput);
    }

    [Fact]
    public async Task WaitForExternalEvent_PayloadOfWrongShape_SurfacesSerializationError()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Typed", async ctx =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<int>("n");
                }
                catch (PayloadSerializationException ex)
                {
                    return ex.Message;
                }
            }));

        await runtime.Client.StartAsync("Typed", null, "t");
        await runtime.Client.RaiseEventAsync("t", "n", new { text = "not a number" });
        var status = await runtime.Client.WaitForCompletionAsync("t");

        Assert.Contains("cannot be read as System.Int32", status.SerializedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_OnLoserOfRace_CancelsTimerDeterministicallyAcrossReplays()
    {
        using var temp = new TempFolder();
        var path = temp.File("cancel-async.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .Configure(o => o.MaxCachedInstances = 0)
                .AddOrchestrator("CancelAsync", async ctx =>
                {
                    using var loser = new CancellationTokenSource();
                    var received = ctx.WaitForExternalEvent<int>("approval", loser.Token);
                    var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), loser.Token);
                    var winner = await Task.WhenAny(received, timer);
                    await loser.CancelAsync();
                    var second = await ctx.WaitForExternalEvent<int>("close");
                    return new object[] { winner == received, timer.IsCanceled, second };
                }));

            await runtime.Client.StartAsync("CancelAsync", null, "ca");
            await runtime.Client.RaiseEventAsync("ca", "approval", 1);
            await fixture.Clock.AdvanceAsync(TimeSpan.FromDays(31));
            await runtime.Client.RaiseEventAsync("ca", "close", 2);
            var status = await runtime.Client.WaitForCompletionAsync("ca");

            Assert.Equal("[true,true,2]", status.SerializedOutput);
        }

        Assert.Equal(0L, CountRows(path, "timers"));
    }

    [Fact]
    public async Task EventWinsRace_InstanceCompletesInSameEpisode_NoTimerRowLeftBehind()
    {
        using var temp = new TempFolder();
        var path = temp.File("finish-cancel.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .AddOrchestrator("QuickApproval", async ctx =>
                {
                    using var loser = new CancellationTokenSource();
                    var approval = ctx.WaitForExternalEvent<bool>("approval", loser.Token);
                    var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), loser.Token);
                    var winner = await Task.WhenAny(approval, timer);
                    await loser.CancelAsync();
                    return winner == approval ? "approved" : "timeout";
                }));

            await runtime.Client.StartAsync("QuickApproval", null, "qa");
            await runtime.Client.RaiseEventAsync("qa", "approval", true);
            var status = await runtime.Client.WaitForCompletionAsync("qa");

            Assert.Equal("\"approved\"", status.SerializedOutput);
        }

        Assert.Equal(0L, CountRows(path, "timers"));
    }

    [Fact]
    public async Task CreateTimer_SystemClock_FiresInRealTime()
    {
        await using var runtime = new DurableRuntimeBuilder()
            .UseInMemory()
            .AddOrchestrator("Short", async ctx =>
            {
                var start = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(start.AddMilliseconds(50), CancellationToken.None);
                return ctx.CurrentUtcDateTime >= start.AddMilliseconds(50);
            })
            .Build();
        await runtime.StartAsync();

        await runtime.Client.StartAsync("Short", null, "short");
        var status = await runtime.Client.WaitForCompletionAsync("short").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("true", status.SerializedOutput);
        Assert.IsType<SystemClock>(runtime.Clock);
    }

    internal static long CountRows(string path, string tableAndFilter)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {tableAndFilter}";
        return (long)command.ExecuteScalar()!;
    }
}
