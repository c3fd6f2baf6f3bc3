using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// Throughput-at-concurrency harness (a console harness rather than BenchmarkDotNet, whose per-invocation model does
/// not fit "N sagas in flight"). Every run uses a fresh SQLite file with synchronous=FULL unless --sync says otherwise.
/// </summary>
internal static class BenchmarkRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var sync = SqliteSynchronous.Full;
        var syncIndex = Array.IndexOf(args, "--sync");
        if (syncIndex >= 0 && syncIndex + 1 < args.Length)
        {
            sync = Enum.Parse<SqliteSynchronous>(args[syncIndex + 1], ignoreCase: true);
        }

        RuntimeScope.InMemory = args.Contains("--memory");
        var scale = quick ? 0.2 : 1.0;
        Console.WriteLine($"SagaFunctions embedded runtime benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{(RuntimeScope.InMemory ? "in-memory SQLite" : $"SQLite file, synchronous={sync}")}{(quick ? ", --quick" : string.Empty)}");
        Console.WriteLine();

        // Warm-up (JIT, SQLite) — not reported.
        await OrderRunAsync(sync, 16, 2_000);

        Console.WriteLine("| scenario | in flight | sagas | time (s) | sagas/s | activities/s | p50 latency (ms) | p99 latency (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var orders = new Dictionary<int, OrderResult>();
        foreach (var (inFlight, count) in new[] { (1, 2_000), (16, 20_000), (256, 60_000) })
        {
            var result = await OrderRunAsync(sync, inFlight, (int)(count * scale));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| order (4 activities) | {inFlight} | {result.Sagas} | {result.Seconds:F2} | {result.Sagas / result.Seconds:F0} | {result.Sagas * 4 / result.Seconds:F0} | {result.P50:F3} | {result.P99:F3} |"));
            orders[inFlight] = result;
        }

        var fan = await FanOutRunAsync(sync, 16, (int)(400 * scale));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| fan-out 1→100→1 | 16 | {fan.Sagas} | {fan.Seconds:F2} | {fan.Sagas / fan.Seconds:F0} | {fan.Sagas * 100 / fan.Seconds:F0} | {fan.P50:F3} | {fan.P99:F3} |"));

        Console.WriteLine();
        Console.WriteLine("| sequential steps in one saga | total time (ms) | per step (µs) | ratio to previous |");
        Console.WriteLine("|---:|---:|---:|---:|");
        double? previous = null;
        var ratio10k = 0.0;
        foreach (var steps in new[] { 100, 1_000, 10_000 })
        {
            var ms = await SequenceRunAsync(sync, steps);
            var ratio = previous is null ? "" : (ms / previous.Value).ToString("F1", CultureInfo.InvariantCulture) + "×";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps} | {ms:F1} | {ms * 1000 / steps:F1} | {ratio} |"));
            if (steps == 10_000)
            {
                ratio10k = ms / previous!.Value;
            }

            previous = ms;
        }

        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
        var kb = orders[256].AllocatedBytesPerSaga / 1024.0;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Allocated per order saga (256 in flight, whole process incl. client and harness): {kb:F1} KB; peak working set: {peakMb:F0} MB"));
        Console.WriteLine();
        Console.WriteLine("| target | measured | met |");
        Console.WriteLine("|---|---:|:---:|");
        Target("≥ 4,000 order sagas/s at 256 in flight", orders[256].Sagas / orders[256].Seconds, "F0", v => v >= 4_000);
        Target("p50 ≤ 1 ms at 1 in flight", orders[1].P50, "F3", v => v <= 1.0, " ms");
        Target("10,000-step saga ≤ 12× the 1,000-step saga", ratio10k, "F1", v => v <= 12, "×");
        Target("≤ 64 KB allocated per order saga", kb, "F1", v => v <= 64, " KB");
        return 0;
    }

    private static async Task<OrderResult> OrderRunAsync(SqliteSynchronous sync, int inFlight, int total)
    {
        await using var scope = await RuntimeScope.StartAsync(sync);
        var client = scope.Runtime.Client;
        var latencies = new double[total];
        var next = -1;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                var id = "o" + i.ToString(CultureInfo.InvariantCulture);
                await client.StartAsync(BenchmarkWorkflows.Order, i, id).ConfigureAwait(false);
                var status = await client.WaitForCompletionAsync(id).ConfigureAwait(false);
                if (status.RuntimeStatus != OrchestrationStatus.Completed)
                {
                    throw new InvalidOperationException($"{id} ended {status.RuntimeStatus}: {status.FailureDetails}");
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(lanes).ConfigureAwait(false);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Array.Sort(latencies);
        return new OrderResult(total, watch.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), allocated / (double)total);
    }

    private static async Task<OrderResult> FanOutRunAsync(SqliteSynchronous sync, int inFlight, int total)
    {
        await using var scope = await RuntimeScope.StartAsync(sync);
        var client = scope.Runtime.Client;
        var latencies = new double[total];
        var next = -1;
        var watch = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                var id = "f" + i.ToString(CultureInfo.InvariantCulture);
                await client.StartAsync(BenchmarkWorkflows.FanOut, null, id).ConfigureAwait(false);
                var status = await client.WaitForCompletionAsync(id).ConfigureAwait(false);
                if (status.SerializedOutput != "5050")
                {
                    throw new InvalidOperationException($"{id} ended {status.RuntimeStatus}: {status.SerializedOutput} {status.FailureDetails}");
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(lanes).ConfigureAwait(false);
        watch.Stop();
        Array.Sort(latencies);
        return new OrderResult(total, watch.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), 0);
    }

    private static async Task<double> SequenceRunAsync(SqliteSynchronous sync, int steps)
    {
        await using var scope = await RuntimeScope.StartAsync(sync);
        var watch = Stopwatch.StartNew();
        await scope.Runtime.Client.StartAsync(BenchmarkWorkflows.Sequence, steps, "seq").ConfigureAwait(false);
        var status = await scope.Runtime.Client.WaitForCompletionAsync("seq").ConfigureAwait(false);
        watch.Stop();
        if (status.SerializedOutput != steps.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"sequence ended {status.RuntimeStatus}: {status.SerializedOutput} {status.FailureDetails}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Target(string name, double value, string format, Func<double, bool> met, string unit = "") =>
        Console.WriteLine($"| {name} | {value.ToString(format, CultureInfo.InvariantCulture)}{unit} | {(met(value) ? "yes" : "NO")} |");

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    private sealed record OrderResult(int Sagas, double Seconds, double P50, double P99, double AllocatedBytesPerSaga);
}
