using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Tests;

/// <summary>
/// Kills a REAL child process (SIGKILL: no cleanup, no flush) in the middle of 30 sagas, restarts it on the same
/// files, and checks that every instance finishes, none is lost, and no participant effect is applied twice.
/// </summary>
public sealed class SigKillCrashTests
{
    private const int Sagas = 30;

    /// <summary>Kill points: right after the first commit, in the middle of the starts, and once all sagas run
    /// (every saga has a 300 ms durable timer, so none has finished yet).</summary>
    [Theory]
    [InlineData("commit 1")]
    [InlineData("commit 15")]
    [InlineData("started-all")]
    public async Task SigKill_MidSaga_RestartCompletesEveryInstanceWithoutDuplicateEffects(string killAfterLine)
    {
        using var temp = new TempFolder();
        var runtimeDb = temp.File("runtime.db");
        var effectsDb = temp.File("effects.db");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var first = await RunHostAsync(runtimeDb, effectsDb, killAfterLine, timeout.Token);
        var second = await RunHostAsync(runtimeDb, effectsDb, killAtLine: null, timeout.Token);

        Assert.True(first.Killed, $"the first run was expected to be killed after '{killAfterLine}'");
        Assert.DoesNotContain("all-completed", first.Lines);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("all-completed", second.Lines);
        Assert.Equal((long)Sagas, Scalar(runtimeDb, "SELECT count(*) FROM instances"));
        Assert.Equal((long)Sagas, Scalar(runtimeDb, "SELECT count(*) FROM instances WHERE status = 2 AND output = '4'"));
        Assert.Equal(0L, Scalar(runtimeDb, "SELECT count(*) FROM activities"));
        Assert.Equal(0L, Scalar(runtimeDb, "SELECT count(*) FROM timers"));
        Assert.Equal(Sagas * 4L, Scalar(effectsDb, "SELECT count(*) FROM effects"));
        Assert.True(Scalar(effectsDb, "SELECT count(*) FROM attempts") >= Sagas * 4L);
        Assert.Equal(0L, Scalar(effectsDb, "SELECT count(*) FROM (SELECT key FROM attempts GROUP BY key) WHERE key NOT IN (SELECT key FROM effects)"));
    }

    private sealed record HostRun(bool Killed, int ExitCode, List<string> Lines);

    private static async Task<HostRun> RunHostAsync(string runtimeDb, string effectsDb, string? killAtLine, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SagaFunctions.Runtime.CrashHost.dll");
        Assert.True(File.Exists(dll), $"CrashHost not found at {dll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, runtimeDb, effectsDb, Sagas.ToString(System.Globalization.CultureInfo.InvariantCulture), "400" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var lines = new List<string>();
        var killed = false;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            if (killAtLine is not null && line == killAtLine)
            {
                process.Kill(); // SIGKILL on Unix
                killed = true;
                break;
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        var errors = await stderr;
        if (!killed && process.ExitCode != 0)
        {
            Assert.Fail($"CrashHost exited {process.ExitCode}: {errors}\n{string.Join('\n', lines.TakeLast(5))}");
        }

        return new HostRun(killed, killed ? -1 : process.ExitCode, lines);
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
