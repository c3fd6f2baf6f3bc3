using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// <c>--waiting N</c>: N ticketing holds waiting at once (each for a payment event or its 15-minute timer), on a
/// SQLite file with synchronous=FULL and a virtual clock: start rate, memory (RSS) with all of them waiting, restart
/// time with all of them in flight, the event delivered to half of them (most are not cached: the instance cache is
/// bounded by <see cref="DurableRuntimeOptions.MaxCachedInstances"/>, so those are rebuilt by replay), and the other
/// half's timers firing when the clock passes their due time. Then the same timers under the real clock (a smaller
/// count, due 3 s after start): how late each one completed after its due time.
/// </summary>
internal static class WaitingScale
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task RunAsync(int count, int cacheBound, int realClockCount, bool restart = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saga-wait-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "runtime.db");
        var clock = new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        try
        {
            Console.WriteLine(string.Create(Inv, $"{count:N0} ticketing holds waiting at once (payment event or 15-minute timer), SQLite file synchronous=FULL, virtual clock, instance cache bound {cacheBound:N0}; RSS before: {RssMb():F0} MB"));
            Console.WriteLine();
            Console.WriteLine("| step | count | time (s) | per second | RSS after (MB) | cached instances | replays |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            var runtime = Build(path, clock, cacheBound);
            await runtime.StartAsync().ConfigureAwait(false);

            var watch = Stopwatch.StartNew();
            await Lanes(256, count, i => runtime.Client.StartAsync(BenchmarkWorkflows.Hold, null, Id(i))).ConfigureAwait(false);
            await runtime.WaitForIdleAsync().ConfigureAwait(false);
            Row("start (256 concurrent clients), all waiting", count, watch.Elapsed, runtime);

            if (restart)
            {
                watch.Restart();
                await runtime.DisposeAsync().ConfigureAwait(false);
                var stop = watch.Elapsed;
                GC.Collect();
                watch.Restart();
                runtime = Build(path, clock, cacheBound);
                await runtime.StartAsync().ConfigureAwait(false);
                await runtime.WaitForIdleAsync().ConfigureAwait(false);
                Row(string.Create(Inv, $"restart with all in flight (stop took {stop.TotalSeconds:F2} s)"), count, watch.Elapsed, runtime);
            }

            var half = count / 2;
            var replaysBefore = runtime.ReplayCount;
            watch.Restart();
            await Lanes(256, half, i => runtime.Client.RaiseEventAsync(Id(i), BenchmarkWorkflows.PaymentEvent, i)).ConfigureAwait(false);
            await runtime.WaitForIdleAsync().ConfigureAwait(false);
            Row(string.Create(Inv, $"payment event to the first half, completed ({runtime.ReplayCount - replaysBefore:N0} rebuilt by replay)"), half, watch.Elapsed, runtime);

            watch.Restart();
            await clock.AdvanceAsync(TimeSpan.FromMinutes(15)).ConfigureAwait(false);
            Row("clock passes the due time: the other half's timers fire, completed", count - half, watch.Elapsed, runtime);

            var paid = await CountAsync(runtime, i => i < half ? "\"paid\"" : "\"expired\"", count).ConfigureAwait(false);
            Console.WriteLine();
            Console.WriteLine(string.Create(Inv, $"Outputs checked: {paid:N0} of {count:N0} as expected; database {new FileInfo(path).Length / 1048576.0:F0} MB (+ WAL {WalMb(path):F0} MB)."));
            await runtime.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await RealClockAsync(realClockCount).ConfigureAwait(false);
    }

    /// <summary>Timers under the real clock: all due 3 s after their start (the hold's 15 minutes would be too long to wait for).</summary>
    private static async Task RealClockAsync(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saga-wait-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var runtime = new DurableRuntimeBuilder().UseSqlite(Path.Combine(folder, "runtime.db"))
                .AddOrchestrator("ShortHold", static async context =>
                {
                    await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(3), CancellationToken.None);
                    return context.CurrentUtcDateTime.Ticks;
                })
                .Build();
            await runtime.StartAsync().ConfigureAwait(false);
            var due = new long[count];
            var late = new double[count];
            await Lanes(256, count, async i =>
            {
                await runtime.Client.StartAsync("ShortHold", null, Id(i)).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var startedAll = DateTime.UtcNow;
            await Lanes(256, count, async i =>
            {
                var status = await runtime.Client.WaitForCompletionAsync(Id(i)).ConfigureAwait(false);
                var observed = DateTime.UtcNow;
                // Due = the instance's start (its created time) + 3 s; late = completion observed by the client − due.
                var dueAt = status.CreatedAt.UtcDateTime.AddSeconds(3);
                late[i] = (observed - dueAt).TotalMilliseconds;
                due[i] = dueAt.Ticks;
            }).ConfigureAwait(false);
            Array.Sort(late);
            Console.WriteLine();
            Console.WriteLine(string.Create(Inv,
                $"Real clock: {count:N0} timers (3 s each, started over {(startedAll - new DateTime(due.Min() - TimeSpan.FromSeconds(3).Ticks, DateTimeKind.Utc)).TotalSeconds:F1} s): completion observed after due — p50 {late[count / 2]:F0} ms, p99 {late[(int)(count * 0.99)]:F0} ms, max {late[^1]:F0} ms; {late.Count(l => l > 1000):N0} later than 1 s."));
            await runtime.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static DurableRuntime Build(string path, IRuntimeClock clock, int cacheBound) =>
        new DurableRuntimeBuilder().UseSqlite(path).UseClock(clock).Configure(o => o.MaxCachedInstances = cacheBound).AddWorkflows().Build();

    private static string Id(int i) => "hold-" + i.ToString(Inv);

    private static async Task Lanes(int lanes, int count, Func<int, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await action(i).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
    }

    private static async Task<int> CountAsync(DurableRuntime runtime, Func<int, string> expected, int count)
    {
        var ok = 0;
        await Lanes(64, count, async i =>
        {
            var status = await runtime.Client.GetStatusAsync(Id(i)).ConfigureAwait(false);
            if (status is { RuntimeStatus: OrchestrationStatus.Completed } && status.SerializedOutput == expected(i))
            {
                Interlocked.Increment(ref ok);
            }
        }).ConfigureAwait(false);
        return ok;
    }

    private static void Row(string step, int count, TimeSpan elapsed, DurableRuntime runtime)
    {
        GC.Collect();
        Console.WriteLine(string.Create(Inv,
            $"| {step} | {count:N0} | {elapsed.TotalSeconds:F2} | {count / elapsed.TotalSeconds:N0} | {RssMb():F0} | {runtime.CachedInstanceCount:N0} | {runtime.ReplayCount:N0} |"));
    }

    private static double RssMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1048576.0;
    }

    private static double WalMb(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length / 1048576.0 : 0;
}
