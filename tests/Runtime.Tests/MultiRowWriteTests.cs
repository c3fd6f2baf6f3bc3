using System.Collections.Concurrent;
using SagaFunctions.Kernel;
using SagaFunctions.Runtime.Storage;

namespace SagaFunctions.Runtime.Tests;

/// <summary>
/// An episode writes its history rows, new activities and applied results with multi-row statements in chunks of
/// 32, 8, 2 and 1 rows: a fan-out of 45 uses every chunk size, and what it wrote must read back exactly.
/// </summary>
public sealed class MultiRowWriteTests
{
    private const int Width = 45; // 32 + 8 + 2 + 2 + 1

    private static DurableRuntimeBuilder AddFanOut(DurableRuntimeBuilder builder, ConcurrentDictionary<int, int> attempts) => builder
        .AddOrchestrator("Wide", async ctx =>
        {
            var tasks = new Task<int>[Width];
            for (var i = 0; i < Width; i++)
            {
                tasks[i] = ctx.CallActivityAsync<int>("Square", i);
            }

            return (await Task.WhenAll(tasks)).Sum();
        })
        .AddActivity<int, int>("Square", (x, _) =>
        {
            attempts.AddOrUpdate(x, 1, (_, n) => n + 1);
            return Task.FromResult(x * x);
        });

    private static int ExpectedSum => Enumerable.Range(0, Width).Sum(x => x * x);

    [Fact]
    public async Task FanOut_Completed_HistoryHasEveryRowNumberedInOrderAndNoActivityRowsRemain()
    {
        using var temp = new TempFolder();
        var path = temp.File("wide.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddFanOut(fixture.Builder(path), new ConcurrentDictionary<int, int>()));
            await runtime.Client.StartAsync("Wide", null, "w");
            var status = await runtime.Client.WaitForCompletionAsync("w");
            Assert.Equal(ExpectedSum.ToString(System.Globalization.CultureInfo.InvariantCulture), status.SerializedOutput);
        }

        // Started, 45 scheduled, 45 completed; seq 0…90 without gaps; every result deleted its activity row.
        Assert.Equal(1 + (2 * Width), EventAndTimerTests.CountRows(path, "history WHERE instance_id = 'w'"));
        Assert.Equal(1 + (2 * Width), EventAndTimerTests.CountRows(path, $"history WHERE instance_id = 'w' AND seq BETWEEN 0 AND {2 * Width}"));
        Assert.Equal(Width, EventAndTimerTests.CountRows(path, $"history WHERE instance_id = 'w' AND kind = {(int)HistoryEventKind.ActivityScheduled} AND seq BETWEEN 1 AND {Width}"));
        Assert.Equal(Width, EventAndTimerTests.CountRows(path, $"history WHERE instance_id = 'w' AND kind = {(int)HistoryEventKind.ActivityCompleted}"));
        Assert.Equal(0, EventAndTimerTests.CountRows(path, "activities"));
    }

    [Fact]
    public async Task FanOut_CrashAfterScheduleCommit_RestartRunsEveryActivityOnceFromItsRow()
    {
        using var temp = new TempFolder();
        var path = temp.File("crash.db");
        var attempts = new ConcurrentDictionary<int, int>();
        await using var fixture = new RuntimeFixture();
        var crashing = await fixture.StartAsync(AddFanOut(fixture.Builder(path), attempts).AddFaultHooks(new FaultHooks().CrashAfterCommit(1)));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Client.StartAsync("Wide", null, "w"));
        await crashing.Stopped;
        await crashing.DisposeAsync();

        // The start committed with its 45 activity rows, and nothing was dispatched before the crash.
        Assert.Empty(attempts);
        Assert.Equal(Width, EventAndTimerTests.CountRows(path, "activities WHERE instance_id = 'w'"));

        var recovered = await fixture.StartAsync(AddFanOut(fixture.Builder(path), attempts));
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(31)); // the dead process's leases expire
        var status = await recovered.Client.WaitForCompletionAsync("w");

        Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ExpectedSum.ToString(System.Globalization.CultureInfo.InvariantCulture), status.SerializedOutput);
        Assert.Equal(Enumerable.Range(0, Width), attempts.Keys.Order());
        Assert.All(attempts.Values, n => Assert.Equal(1, n));
    }
}
