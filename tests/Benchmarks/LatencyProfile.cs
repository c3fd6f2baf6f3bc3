using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// <c>--profile</c>: the order saga at 1 in flight (start → dispatch → activity → commit → next step → completion
/// observed), split into the dispatcher's own time (running episodes and statements; committing, i.e. the fsync;
/// handing out work after the commit) and the rest (thread hand-offs and wake-ups, activity bodies, the client), for
/// each durability level, interleaved over rounds.
/// </summary>
internal static class LatencyProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task RunAsync(int sagas, int rounds, bool fanOut = false)
    {
        var levels = new (string Label, SqliteSynchronous Sync, bool Memory)[]
        {
            ("file, synchronous=FULL", SqliteSynchronous.Full, false),
            ("file, synchronous=NORMAL", SqliteSynchronous.Normal, false),
            ("file, synchronous=OFF", SqliteSynchronous.Off, false),
            ("in-memory", SqliteSynchronous.Full, true),
        };
        Console.WriteLine(string.Create(Inv, $"Latency profile: {(fanOut ? "fan-out 1→100→1" : "order saga (4 activities)")}, 1 in flight, {sagas} sagas per run, {rounds} rounds interleaved; per saga, medians over rounds"));
        Console.WriteLine();
        Console.WriteLine("| database | p50 (ms) | mean (ms) | commits | batches | waits | episodes+SQL (µs) | commit (µs) | µs per commit | after commit (µs) | rest: hand-offs, activities, client (µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var results = levels.ToDictionary(l => l.Label, _ => new List<double[]>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var level in levels)
            {
                results[level.Label].Add(await RunOnceAsync(level.Sync, level.Memory, sagas, fanOut ? BenchmarkWorkflows.FanOut : BenchmarkWorkflows.Order).ConfigureAwait(false));
            }
        }

        foreach (var level in levels)
        {
            var runs = results[level.Label];
            double M(int i) => runs.Select(r => r[i]).Order().ElementAt(runs.Count / 2);
            Console.WriteLine(string.Create(Inv,
                $"| {level.Label} | {M(0):F3} | {M(1):F3} | {M(2):F2} | {M(3):F2} | {M(4):F2} | {M(5):F1} | {M(6):F1} | {M(7):F1} | {M(8):F1} | {M(9):F1} |"));
        }
    }

    private static async Task<double[]> RunOnceAsync(SqliteSynchronous sync, bool memory, int sagas, string workflow)
    {
        await using var scope = await RuntimeScope.StartAsync(sync, memory, profile: true).ConfigureAwait(false);
        var client = scope.Runtime.Client;
        for (var i = 0; i < 50; i++)
        {
            await client.StartAsync(workflow, workflow == BenchmarkWorkflows.Order ? i : null, "w" + i.ToString(Inv)).ConfigureAwait(false);
            await client.WaitForCompletionAsync("w" + i.ToString(Inv)).ConfigureAwait(false);
        }

        var profile = scope.Runtime.Profile!;
        var before = Snapshot(profile);
        var latencies = new double[sagas];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sagas; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var id = "p" + i.ToString(Inv);
            await client.StartAsync(workflow, workflow == BenchmarkWorkflows.Order ? i : null, id).ConfigureAwait(false);
            await client.WaitForCompletionAsync(id).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        watch.Stop();
        var after = Snapshot(profile);
        var d = after.Zip(before, (a, b) => (a - b) / (double)sagas).ToArray();
        Array.Sort(latencies);
        var us = 1_000_000.0 / Stopwatch.Frequency;
        var meanMs = watch.Elapsed.TotalMilliseconds / sagas;
        var busyUs = (d[3] + d[4] + d[5]) * us;
        return
        [
            latencies[sagas / 2], meanMs, d[1], d[0], d[2], d[3] * us, d[4] * us, d[1] > 0 ? d[4] * us / d[1] : 0, d[5] * us, (meanMs * 1000) - busyUs,
        ];
    }

    // Read after the run's last completion (the dispatcher has gone idle); a torn read would only blur one batch.
    private static long[] Snapshot(DispatcherProfile p) => [p.Batches, p.WritingCommits, p.Waits, p.WorkTicks, p.CommitTicks, p.AfterCommitTicks];
}
