using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone;
using SagaFunctions.Standalone.RuntimeHosting;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// <c>--http</c>: the whole Standalone app (Kestrel, API-key middleware, request validation, the embedded runtime on
/// SQLite with <c>synchronous=FULL</c>, the participants called over loopback HTTP) under a .NET load generator in this
/// process. Each client loops: <c>POST /api/sagas/money-transfer/{id}</c> (debit → credit → record, alternating
/// ACC-001 → ACC-002 and back by 0.01 so balances never run out), then waits for the saga's completion through the
/// runtime's client (no polling traffic). Per level it also times <c>GET /healthz</c> (the HTTP floor: Kestrel, routing,
/// the client) and <c>GET /participants/accounts/ACC-001</c> (one participant round trip) at the same concurrency, so the
/// share of each layer can be read off.
/// </summary>
internal static class HttpLoad
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task RunAsync(IReadOnlyList<int> levels, int sagasPerClient, TimeSpan cap)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saga-http-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration["Standalone:DataDirectory"] = folder;
            builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
            builder.AddStandalone();
            await using var app = builder.Build();
            app.MapStandalone();
            await app.StartAsync().ConfigureAwait(false);
            var baseAddress = new Uri(app.Urls.First());
            var runtime = app.Services.GetRequiredService<EmbeddedRuntime>().Client;
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = baseAddress,
            };

            Console.WriteLine(string.Create(Inv, $"HTTP load — Standalone on {baseAddress} ({Environment.ProcessorCount} cores, .NET {Environment.Version}), " +
                $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}; {sagasPerClient} money-transfer sagas per client (cap {cap.TotalSeconds:F0} s per level)"));

            // Warm-up: JIT, connection pool, SQLite pages — not reported.
            await RunLevelAsync(http, runtime, "w", 8, 20, TimeSpan.FromSeconds(10)).ConfigureAwait(false);

            Console.WriteLine();
            Console.WriteLine("| clients | sagas completed | starts/s | sagas/s | start p50 / p99 (ms) | end-to-end p50 / p99 (ms) | `GET /healthz` p50 (ms) | participant GET p50 (ms) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var clients in levels)
            {
                var floor = await ProbeAsync(http, "healthz", clients).ConfigureAwait(false);
                var participant = await ProbeAsync(http, "participants/accounts/ACC-001", clients).ConfigureAwait(false);
                var level = await RunLevelAsync(http, runtime, "c" + clients.ToString(Inv), clients, sagasPerClient, cap).ConfigureAwait(false);
                Console.WriteLine(string.Create(Inv,
                    $"| {clients} | {level.Completed} | {level.StartsPerSecond:F0} | {level.SagasPerSecond:F0} | {level.StartP50:F2} / {level.StartP99:F2} | {level.EndToEndP50:F2} / {level.EndToEndP99:F2} | {floor:F2} | {participant:F2} |"));
            }

            // Stop before disposing: in-flight participant calls of sagas cut off by the cap finish or are cancelled first.
            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<LevelResult> RunLevelAsync(HttpClient http, DurableClient runtime, string prefix, int clients, int perClient, TimeSpan cap)
    {
        using var deadline = new CancellationTokenSource(cap);
        var token = deadline.Token;
        var starts = new List<double>[clients];
        var ends = new List<double>[clients];
        var watch = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, clients).Select(async lane =>
        {
            starts[lane] = [];
            ends[lane] = [];
            for (var i = 0; i < perClient && !token.IsCancellationRequested; i++)
            {
                var id = string.Create(Inv, $"{prefix}-{lane}-{i}");
                var forward = (lane + i) % 2 == 0;
                var body = new
                {
                    transferId = id,
                    fromAccount = forward ? "ACC-001" : "ACC-002",
                    toAccount = forward ? "ACC-002" : "ACC-001",
                    amount = 0.01m,
                };
                var began = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri($"api/sagas/money-transfer/{id}", UriKind.Relative), body, token).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        throw new InvalidOperationException($"start of {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token).ConfigureAwait(false)}");
                    }

                    starts[lane].Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    var status = await runtime.WaitForCompletionAsync(id, token).ConfigureAwait(false);
                    if (status.RuntimeStatus != OrchestrationStatus.Completed || status.SerializedOutput?.Contains("\"status\":\"completed\"", StringComparison.Ordinal) != true)
                    {
                        throw new InvalidOperationException($"{id} ended {status.RuntimeStatus}: {status.SerializedOutput}");
                    }

                    ends[lane].Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
            }
        }).ToArray();
        await Task.WhenAll(lanes).ConfigureAwait(false);
        watch.Stop();
        var startTimes = starts.SelectMany(s => s).Order().ToArray();
        var endTimes = ends.SelectMany(s => s).Order().ToArray();
        var seconds = watch.Elapsed.TotalSeconds;
        return new LevelResult(
            endTimes.Length,
            startTimes.Length / seconds,
            endTimes.Length / seconds,
            Percentile(startTimes, 0.50),
            Percentile(startTimes, 0.99),
            Percentile(endTimes, 0.50),
            Percentile(endTimes, 0.99));
    }

    /// <summary>p50 of <c>GET path</c> with <paramref name="clients"/> concurrent callers, 200 calls each (at most 5 s).</summary>
    private static async Task<double> ProbeAsync(HttpClient http, string path, int clients)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var times = new List<double>[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async lane =>
        {
            times[lane] = [];
            for (var i = 0; i < 200 && !deadline.IsCancellationRequested; i++)
            {
                var began = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(new Uri(path, UriKind.Relative), deadline.Token).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    return;
                }

                times[lane].Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }
        })).ConfigureAwait(false);
        return Percentile(times.SelectMany(t => t).Order().ToArray(), 0.50);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    private sealed record LevelResult(int Completed, double StartsPerSecond, double SagasPerSecond, double StartP50, double StartP99, double EndToEndP50, double EndToEndP99);
}
