using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>
/// Standalone as a REAL child process (<c>dotnet SagaFunctions.Standalone.dll</c>) killed with SIGKILL (no cleanup, no
/// flush) while choreographed orders are in flight (a latency fault holds each reservation), then started again over
/// the same data folder. Every choreography must reach a terminal status with the invariants of the order saga: stock
/// sold exactly once and never oversold, payments of undone orders refunded, no participant effect applied twice.
/// </summary>
public sealed class ChoreographySigKillTests
{
    /// <summary>ITEM-002 has 10 in stock: five orders of two sell it out, three more are refused and refunded.</summary>
    private const int StockOrders = 8;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>Kill points: as soon as charges are done (reservations waiting on the latency), or once one order is reserved (the next reservation in flight).</summary>
    [Theory]
    [InlineData("PaymentCharged")]
    [InlineData("InventoryReserved")]
    public async Task SigKill_ChoreographiesInFlight_RestartFinishesEachWithoutOversellOrDoubleEffects(string killAfterEvent)
    {
        using var data = new TempDirectory();
        using var timeout = new CancellationTokenSource(Deadline);
        var ids = new List<string>();

        await using (var first = await StandaloneProcess.StartAsync(data.Path, timeout.Token))
        {
            await first.PostAsync("/participants/faults", """{"service":"inventory","operation":"reserve","mode":"latency","latencyMs":400}""", HttpStatusCode.Created);
            for (var i = 0; i < StockOrders; i++)
            {
                ids.Add(await StartAsync(first, $"ORD-K{i}", "ITEM-002", 2, 40m));
            }

            ids.Add(await StartAsync(first, "ORD-LIMIT", "ITEM-001", 1, 500.01m));
            await first.WaitUntilAsync(async () => (await TrailsAsync(first, ids)).Any(t => Types(t).Contains(killAfterEvent)), timeout.Token);
            var running = (await TrailsAsync(first, ids)).Count(t => t.GetProperty("status").GetString() == "running");
            first.Kill();
            Assert.True(running > 0, "every choreography finished before the kill; nothing was in flight");
        }

        await using var second = await StandaloneProcess.StartAsync(data.Path, timeout.Token);
        await second.WaitUntilAsync(async () => (await TrailsAsync(second, ids)).All(t => t.GetProperty("status").GetString() != "running"), timeout.Token);
        var trails = await TrailsAsync(second, ids);

        var statuses = trails.Select(t => t.GetProperty("status").GetString()).ToList();
        Assert.Equal(5, statuses.Take(StockOrders).Count(s => s == "completed"));
        Assert.Equal(3, statuses.Take(StockOrders).Count(s => s == "compensated"));
        Assert.Equal("failed", statuses[^1]);
        Assert.All(trails, t => Assert.Equal(Types(t).Length, Types(t).Distinct().Count()));

        var stock = await second.GetJsonAsync("/participants/inventory/ITEM-002");
        Assert.Equal((0, 10), (stock.GetProperty("stock").GetInt32(), stock.GetProperty("reserved").GetInt32()));
        foreach (var trail in trails.Take(StockOrders))
        {
            var paymentId = Data(trail, "PaymentCharged").GetProperty("paymentId").GetString();
            var payment = await second.GetJsonAsync($"/participants/payments/{paymentId}");
            var refunded = trail.GetProperty("status").GetString() == "compensated";
            Assert.Equal(refunded, payment.GetProperty("status").GetString() == "refunded");
        }

        await second.DisposeAsync();
        Assert.Equal((long)StockOrders, Scalar(data.Path, "payments.db", "SELECT count(*) FROM payments"));
        Assert.Equal(3L, Scalar(data.Path, "payments.db", "SELECT count(*) FROM payments WHERE status = 'refunded'"));
        Assert.Equal(5L, Scalar(data.Path, "shipping.db", "SELECT count(*) FROM shipments"));
    }

    private static async Task<string> StartAsync(StandaloneProcess host, string orderId, string sku, int quantity, decimal amount)
    {
        var body = $$"""{"orderId":"{{orderId}}","customerId":"C-1","items":[{"sku":"{{sku}}","quantity":{{quantity}}}],"amount":{{amount.ToString(CultureInfo.InvariantCulture)}}}""";
        var started = await host.PostAsync("/api/choreographies/order", body, HttpStatusCode.Accepted);
        return started.GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> TrailsAsync(StandaloneProcess host, IEnumerable<string> ids)
    {
        var trails = new List<JsonElement>();
        foreach (var id in ids)
        {
            trails.Add(await host.GetJsonAsync($"/api/choreographies/order/{id}"));
        }

        return trails;
    }

    private static string[] Types(JsonElement trail) => [.. trail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    private static JsonElement Data(JsonElement trail, string type) =>
        trail.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == type).GetProperty("data");

    private static long Scalar(string directory, string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, file)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Standalone run as <c>dotnet SagaFunctions.Standalone.dll</c> on a free loopback port over a data folder.</summary>
    private sealed class StandaloneProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;
        private readonly StringBuilder _output = new();
        private bool _disposed;

        private StandaloneProcess(Process process, Uri baseAddress)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = baseAddress };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public static async Task<StandaloneProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "SagaFunctions.Standalone.dll");
            Assert.True(File.Exists(dll), $"Standalone not found at {dll}");
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            foreach (var argument in new[] { dll, "--urls", url, "--Standalone:DataDirectory", dataDirectory, "--Choreography:RetryDelay", "00:00:00.050", "--Logging:LogLevel:Default", "Warning" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var host = new StandaloneProcess(Process.Start(start)!, new Uri(url + "/"));
            await host.WaitUntilAsync(async () =>
            {
                try
                {
                    using var health = await host._http.GetAsync("healthz", cancellationToken);
                    return health.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, cancellationToken);
            return host;
        }

        public async Task<JsonElement> PostAsync(string path, string body, HttpStatusCode expected)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(path.TrimStart('/'), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task<JsonElement> GetJsonAsync(string path)
        {
            using var response = await _http.GetAsync(path.TrimStart('/'));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        /// <summary>Polls <paramref name="condition"/> until it holds; the test's deadline (not an assertion on time) ends a hang.</summary>
        public async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
        {
            while (!await condition())
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"Standalone exited with code {_process.ExitCode}:\n{Output()}");
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    Assert.Fail($"Standalone did not get there before the test's deadline:\n{Output()}");
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }

        /// <summary>SIGKILL on Unix: the process gets no chance to flush or stop its services.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            SqliteConnection.ClearAllPools();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private string Output()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
