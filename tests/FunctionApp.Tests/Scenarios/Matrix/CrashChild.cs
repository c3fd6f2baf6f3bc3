using System.Diagnostics;
using System.Globalization;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// One run of <c>tests/Standalone.CrashHost</c> as a child process on a data folder: it drives the saga and, when told
/// to stop at commit point N, stops dead right after that commit and is killed with SIGKILL (no cleanup, no flush).
/// </summary>
internal sealed record CrashChild(bool Killed, int Commits, bool AtLastCommit, string Finished)
{
    public static async Task<CrashChild> RunAsync(string dataDirectory, string saga, int stopAtCommit, IReadOnlyDictionary<string, string?> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SagaFunctions.Standalone.CrashHost.dll");
        Assert.True(File.Exists(dll), $"CrashHost not found at {dll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, dataDirectory, saga, stopAtCommit.ToString(CultureInfo.InvariantCulture), BadInputCorpus.ValidBodies[saga] }
                     .Concat(settings.Select(s => $"{s.Key}={s.Value}")))
        {
            start.ArgumentList.Add(arg);
        }

        // A guard against a child that hangs (not an assertion on time): the test fails with what the child printed.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(guard.Token);
        var (killed, commits, last, finished) = (false, 0, false, "no");
        try
        {
            while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line)
            {
                if (line.StartsWith("stopped-at ", StringComparison.Ordinal))
                {
                    process.Kill(); // SIGKILL on Unix
                    var words = line.Split(' ');
                    (killed, commits, last) = (true, int.Parse(words[1], CultureInfo.InvariantCulture), words.Length > 2);
                    break;
                }

                if (line.StartsWith("commits ", StringComparison.Ordinal))
                {
                    commits = int.Parse(line["commits ".Length..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("finished ", StringComparison.Ordinal))
                {
                    finished = line["finished ".Length..];
                }
            }

            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"CrashHost {saga} (stop at {stopAtCommit}) did not finish: {await stderr}");
        }

        var errors = await stderr;
        Assert.True(killed || process.ExitCode == 0, $"CrashHost {saga} exited {process.ExitCode}: {errors}");
        return new CrashChild(killed, commits, last, finished);
    }
}
