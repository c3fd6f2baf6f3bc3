using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Tests;

/// <summary>
/// <see cref="StartOptions.TraceParent"/>: stored with the instance, reported by its status, given to every activity
/// execution of the instance and of its children, after a process restart too, and a schema-3 file is upgraded in place.
/// </summary>
public sealed class TraceParentTests
{
    private const string Parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static DurableRuntimeBuilder AddTraced(DurableRuntimeBuilder builder, ConcurrentQueue<ActivityCall> calls) => builder
        .AddOrchestrator("Traced", async ctx =>
        {
            await ctx.CallActivityAsync<object>("Record", 1);
            await ctx.CallSubOrchestratorAsync<object>("Child", null, ctx.InstanceId + ":child");
            return await ctx.CallActivityAsync<object>("Record", 2);
        })
        .AddOrchestrator("Child", async ctx => await ctx.CallActivityAsync<object>("Record", 3))
        .AddActivity("Record", typeof(int), (input, call, _) =>
        {
            calls.Enqueue(call);
            return Task.FromResult(input);
        });

    private static DurableRuntimeBuilder AddWaiting(DurableRuntimeBuilder builder, ConcurrentQueue<ActivityCall> calls) => builder
        .AddOrchestrator("Waiting", async ctx =>
        {
            await ctx.WaitForExternalEvent<string>("go");
            return await ctx.CallActivityAsync<object>("Record", 1);
        })
        .AddActivity("Record", typeof(int), (input, call, _) =>
        {
            calls.Enqueue(call);
            return Task.FromResult(input);
        });

    [Fact]
    public async Task StartAsync_WithTraceParent_StatusAndEveryActivityOfTheInstanceAndItsChildCarryIt()
    {
        var calls = new ConcurrentQueue<ActivityCall>();
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddTraced(fixture.Builder(), calls));

        await runtime.Client.StartAsync("Traced", null, new StartOptions("t", TraceParent: Parent));
        var done = await runtime.Client.WaitForCompletionAsync("t");

        Assert.Equal((OrchestrationStatus.Completed, Parent), (done.RuntimeStatus, done.TraceParent));
        Assert.Equal(
            [("t", Parent), ("t:child", Parent), ("t", Parent)],
            calls.Select(c => (c.InstanceId, c.TraceParent)));
        Assert.All(calls, c => Assert.Equal("Record", c.Name));
        Assert.Equal(Parent, (await runtime.Client.GetStatusAsync("t:child"))!.TraceParent);
    }

    [Fact]
    public async Task StartAsync_WithoutTraceParent_ActivitiesGetNone()
    {
        var calls = new ConcurrentQueue<ActivityCall>();
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddTraced(fixture.Builder(), calls));

        await runtime.Client.StartAsync("Traced", null, "plain");
        var done = await runtime.Client.WaitForCompletionAsync("plain");

        Assert.Null(done.TraceParent);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Null(c.TraceParent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    public async Task StartAsync_MalformedTraceParent_ThrowsNamingItAndStartsNothing(string traceParent)
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddTraced(fixture.Builder(), new ConcurrentQueue<ActivityCall>()));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => runtime.Client.StartAsync("Traced", null, new StartOptions("bad", TraceParent: traceParent)));

        Assert.Equal(nameof(StartOptions.TraceParent), ex.ParamName);
        Assert.Null(await runtime.Client.GetStatusAsync("bad"));
    }

    [Fact]
    public async Task RestartAsync_AndActivityRecoveredAfterProcessRestart_KeepTheTraceParent()
    {
        using var temp = new TempFolder();
        var path = temp.File("trace.db");
        await using var fixture = new RuntimeFixture();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await fixture.StartAsync(fixture.Builder(path)
            .Configure(o => o.ActivityLease = TimeSpan.FromMinutes(1))
            .AddOrchestrator("Leased", async ctx => await ctx.CallActivityAsync<int>("Work", 1))
            .AddActivity("Work", typeof(int), (_, _, _) =>
            {
                started.TrySetResult();
                return new TaskCompletionSource<object?>().Task;
            }));
        await first.Client.StartAsync("Leased", null, new StartOptions("l", TraceParent: Parent));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync(); // the activity never finished: its row stays behind, as after a crash

        var calls = new ConcurrentQueue<ActivityCall>();
        var second = await fixture.StartAsync(fixture.Builder(path)
            .Configure(o => o.ActivityLease = TimeSpan.FromMinutes(1))
            .AddOrchestrator("Leased", async ctx => await ctx.CallActivityAsync<int>("Work", 1))
            .AddActivity("Work", typeof(int), (input, call, _) =>
            {
                calls.Enqueue(call);
                return Task.FromResult<object?>(input);
            }));
        await second.WaitForIdleAsync();
        await fixture.Clock.AdvanceAsync(TimeSpan.FromMinutes(2));
        await second.Client.WaitForCompletionAsync("l");
        var again = await second.Client.RestartAsync("l");
        await second.Client.WaitForCompletionAsync(again);

        Assert.Equal([("l", Parent), (again, Parent)], calls.Select(c => (c.InstanceId, c.TraceParent)));
    }

    [Fact]
    public async Task Open_SchemaVersion3File_UpgradedInPlaceAndOldInstancesHaveNoTraceParent()
    {
        using var temp = new TempFolder();
        var path = temp.File("v3.db");
        var calls = new ConcurrentQueue<ActivityCall>();
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddWaiting(fixture.Builder(path), new ConcurrentQueue<ActivityCall>()));
            await runtime.Client.StartAsync("Waiting", null, "old");
            await runtime.WaitForIdleAsync();
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "ALTER TABLE instances DROP COLUMN trace_parent; PRAGMA user_version=3;";
            downgrade.ExecuteNonQuery();
        }

        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddWaiting(fixture.Builder(path), calls));
            await runtime.Client.RaiseEventAsync("old", "go", "now");
            var done = await runtime.Client.WaitForCompletionAsync("old");
            await runtime.Client.StartAsync("Waiting", null, new StartOptions("new", TraceParent: Parent));

            Assert.Null(done.TraceParent);
            Assert.Null(Assert.Single(calls).TraceParent);
            Assert.Equal(Parent, (await runtime.Client.GetStatusAsync("new"))!.TraceParent);
        }

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal(4L, (long)version.ExecuteScalar()!);
    }
}
