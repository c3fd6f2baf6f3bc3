using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// Throughput-at-concurrency harness (a console harness rather than BenchmarkDotNet, whose per-invocation model does
/// not fit "N sagas in flight"). <c>--engine ours</c> (default) measures our runtime on a fresh SQLite file
/// (synchronous=FULL unless <c>--sync</c>; <c>--memory</c> for an in-memory database); <c>--engine durabletask</c> the
/// real Durable Task engine in process, with its shipped work-item limits and raised ones (<c>--limits N</c>, default
/// 1024: at 64 a fan-out of 100 activities already hits the limit and the dispatcher waits 500 ms); <c>--compare</c> all of them in one process, interleaved workload by workload for <c>--rounds</c> rounds, with
/// medians and ratios. <c>--quick</c> shrinks every run (and caps each at 3 s) so a whole comparison takes about a
/// minute. Every run gets a fresh engine; each is capped in time (<c>--cap</c> seconds): an engine that stalls reports
/// what it completed in the cap.
/// </summary>
internal static class BenchmarkRunner
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var compare = args.Contains("--compare");
        var sync = Enum.Parse<SqliteSynchronous>(Option(args, "--sync") ?? "Full", ignoreCase: true);
        var engine = Option(args, "--engine") ?? "ours";
        var limits = int.Parse(Option(args, "--limits") ?? "1024", Inv);
        var rounds = int.Parse(Option(args, "--rounds") ?? (compare && !quick ? "3" : "1"), Inv);
        var cap = TimeSpan.FromSeconds(double.Parse(Option(args, "--cap") ?? (quick ? "3" : "15"), Inv));
        var memory = args.Contains("--memory");
        var scale = quick ? 0.15 : 1.0;

        if (args.Contains("--profile"))
        {
            var fanOut = args.Contains("--fan-out");
            await LatencyProfile.RunAsync(fanOut ? (quick ? 30 : 200) : (quick ? 300 : 2_000), int.Parse(Option(args, "--rounds") ?? "3", Inv), fanOut).ConfigureAwait(false);
            return 0;
        }

        if (args.Contains("--http"))
        {
            var levels = (Option(args, "--clients") ?? "1,16,256").Split(',').Select(c => int.Parse(c, Inv)).ToArray();
            await HttpLoad.RunAsync(levels, int.Parse(Option(args, "--per-client") ?? (quick ? "20" : "100"), Inv), TimeSpan.FromSeconds(double.Parse(Option(args, "--cap") ?? (quick ? "10" : "60"), Inv))).ConfigureAwait(false);
            return 0;
        }

        if (Option(args, "--waiting") is { } waiting)
        {
            await WaitingScale.RunAsync(int.Parse(waiting, Inv), int.Parse(Option(args, "--cache") ?? "10000", Inv), quick ? 2_000 : 10_000, !args.Contains("--no-restart")).ConfigureAwait(false);
            return 0;
        }

        var kinds = new List<EngineKind>();
        if (compare || engine == "ours")
        {
            kinds.Add(new OursKind(sync, memory && !compare));
        }

        if (compare && memory)
        {
            kinds.Add(new OursKind(sync, InMemory: true));
        }

        if (compare || engine == "durabletask")
        {
            kinds.Add(new DurableTaskKind(limits, limits));
            kinds.Add(new DurableTaskKind(null, null));
        }

        if (kinds.Count == 0)
        {
            Console.Error.WriteLine("--engine is ours or durabletask");
            return 2;
        }

        Console.WriteLine(string.Create(Inv, $"SagaFunctions benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
            $"load average {LoadAverage()}, args: {string.Join(' ', args)}"));
        Console.WriteLine(string.Create(Inv, $"engines: {string.Join("; ", kinds.Select(k => k.Label))}; rounds {rounds}; cap {cap.TotalSeconds:F0} s per run"));
        Console.WriteLine();

        var workloads = new List<Workload>
        {
            new("order, 1 in flight", BenchmarkWorkflows.Order, 1, (int)(2_000 * scale)),
            new("order, 16 in flight", BenchmarkWorkflows.Order, 16, (int)(20_000 * scale)),
            new("order, 256 in flight", BenchmarkWorkflows.Order, 256, (int)(60_000 * scale)),
            new("fan-out 1→100→1, 1 in flight", BenchmarkWorkflows.FanOut, 1, (int)(200 * scale)),
            new("fan-out 1→100→1, 16 in flight", BenchmarkWorkflows.FanOut, 16, (int)(400 * scale)),
            new("one saga of 1,000 steps", BenchmarkWorkflows.Sequence, 1, 1) { Steps = 1_000 },
        };
        if (!compare && kinds.All(k => k is OursKind))
        {
            workloads.Add(new("one saga of 10,000 steps", BenchmarkWorkflows.Sequence, 1, 1) { Steps = 10_000 });
        }

        if (Option(args, "--only") is { } only)
        {
            workloads.RemoveAll(w => !w.Name.Contains(only, StringComparison.Ordinal));
        }

        // Warm-up (JIT, SQLite, gRPC) — not reported.
        foreach (var kind in kinds)
        {
            await RunAsync(kind, new Workload("warm-up", BenchmarkWorkflows.Order, 16, 300), TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }

        var results = new Dictionary<(Workload, EngineKind), List<RunResult>>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var workload in workloads)
            {
                foreach (var kind in kinds)
                {
                    // The shipped limits only show whether the engine as shipped keeps up at all: measured once.
                    if (round > 0 && kind is DurableTaskKind { MaxOrchestrations: null })
                    {
                        continue;
                    }

                    var result = await RunAsync(kind, workload, cap).ConfigureAwait(false);
                    Console.Error.WriteLine(string.Create(Inv, $"  round {round + 1} {workload.Name} {kind.Label}: {result.Completed}/{workload.Count} in {result.Seconds:F2} s, {result.PerSecond:F0}/s, p50 {result.P50:F3} ms"));
                    (results.TryGetValue((workload, kind), out var list) ? list : results[(workload, kind)] = []).Add(result);
                }
            }
        }

        Print(workloads, kinds, results);
        return 0;
    }

    private static void Print(List<Workload> workloads, List<EngineKind> kinds, Dictionary<(Workload, EngineKind), List<RunResult>> results)
    {
        Console.WriteLine("Medians over the rounds (sagas/s = completed ÷ wall time; latency = start → completion observed by the client; " +
            "allocated = whole process, all threads, ÷ completed):");
        Console.WriteLine();
        Console.WriteLine("| workload | engine | completed | sagas/s | p50 (ms) | p99 (ms) | KB allocated / saga | runs (sagas/s; long saga: s) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var workload in workloads)
        {
            foreach (var kind in kinds)
            {
                var runs = results[(workload, kind)];
                var m = Median(runs);
                var time = workload.Steps > 0 ? $" ({m.Seconds:F2} s{(m.Completed == 0 ? ", not finished in the cap" : string.Empty)})" : string.Empty;
                Console.WriteLine(string.Create(Inv,
                    $"| {workload.Name} | {kind.Label} | {m.Completed}/{workload.Count}{time} | {m.PerSecond:F0} | {m.P50:F3} | {m.P99:F3} | {m.AllocatedKbPerSaga:F1} | {string.Join(", ", runs.Select(r => workload.Steps > 0 ? r.Seconds.ToString("F2", Inv) + " s" : r.PerSecond.ToString("F0", Inv)))} |"));
            }
        }

        var ours = kinds.FirstOrDefault(k => k is OursKind { InMemory: false }) ?? kinds.FirstOrDefault(k => k is OursKind);
        var engine = kinds.FirstOrDefault(k => k is DurableTaskKind { MaxOrchestrations: not null });
        if (ours is null || engine is null)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Ratios, {ours.Label} ÷ {engine.Label} (throughput > 1: ours faster; p50 < 1: ours lower):");
        Console.WriteLine();
        Console.WriteLine("| workload | throughput ratio | p50 ratio |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var workload in workloads)
        {
            var a = Median(results[(workload, ours)]);
            var b = Median(results[(workload, engine)]);
            var throughput = b.PerSecond > 0 ? (a.PerSecond / b.PerSecond).ToString("F2", Inv) + "×" : "engine 0/s";
            var p50 = b.P50 > 0 ? (a.P50 / b.P50).ToString("F2", Inv) + "×" : "–";
            Console.WriteLine($"| {workload.Name} | {throughput} | {p50} |");
        }
    }

    private static async Task<RunResult> RunAsync(EngineKind kind, Workload workload, TimeSpan cap)
    {
        var engine = await kind.StartAsync().ConfigureAwait(false);
        await using var _ = engine.ConfigureAwait(false);
        var latencies = new double[workload.Count];
        var completed = 0;
        var next = -1;
        using var deadline = new CancellationTokenSource(cap);
        var token = deadline.Token;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var prefix = workload.Workflow[..1].ToLowerInvariant();
        var watch = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, workload.InFlight).Select(async _ =>
        {
            int i;
            while (!token.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < workload.Count)
            {
                var started = Stopwatch.GetTimestamp();
                var id = prefix + i.ToString(Inv);
                object? input = workload.Workflow switch
                {
                    BenchmarkWorkflows.Order => i,
                    BenchmarkWorkflows.Sequence => workload.Steps,
                    _ => null,
                };
                string? output;
                try
                {
                    await engine.StartAsync(workload.Workflow, input, id, token).ConfigureAwait(false);
                    output = await engine.WaitAsync(id, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    // The DT client surfaces cancellation as an RpcException(Cancelled).
                    return;
                }

                var expected = workload.Workflow switch
                {
                    BenchmarkWorkflows.Order => (i + 4).ToString(Inv),
                    BenchmarkWorkflows.FanOut => "5050",
                    _ => workload.Steps.ToString(Inv),
                };
                if (output != expected)
                {
                    throw new InvalidOperationException($"{engine.Name}: {id} returned {output}, expected {expected}");
                }

                latencies[Interlocked.Increment(ref completed) - 1] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(lanes).ConfigureAwait(false);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var done = latencies.AsSpan(0, completed).ToArray();
        Array.Sort(done);
        return new RunResult(completed, watch.Elapsed.TotalSeconds, Percentile(done, 0.50), Percentile(done, 0.99), completed == 0 ? 0 : allocated / 1024.0 / completed);
    }

    private static RunResult Median(List<RunResult> runs) => runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2) with
    {
        P50 = runs.Select(r => r.P50).Order().ElementAt(runs.Count / 2),
        P99 = runs.Select(r => r.P99).Order().ElementAt(runs.Count / 2),
    };

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    private sealed record Workload(string Name, string Workflow, int InFlight, int Count)
    {
        public int Steps { get; init; }
    }

    private sealed record RunResult(int Completed, double Seconds, double P50, double P99, double AllocatedKbPerSaga)
    {
        public double PerSecond => Seconds > 0 ? Completed / Seconds : 0;
    }
}
