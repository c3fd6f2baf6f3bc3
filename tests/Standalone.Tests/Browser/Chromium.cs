using System.Diagnostics;

namespace SagaFunctions.Standalone.Tests.Browser;

/// <summary>
/// The system Chromium the browser tests drive (no browser is downloaded: Playwright's own browser builds cannot be
/// fetched here). When it is missing, the first test installs it with <c>apt-get install -y chromium</c> (as root, or
/// through <c>sudo -n</c>) and fails loudly, with apt's output, when that does not work. It never skips.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The command-line switches of a quiet, sandbox-free headless run (tests run as root in CI).</summary>
    public static readonly string[] Arguments =
    [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private static readonly Lazy<Task> Installed = new(InstallIfMissingAsync);

    public static Task EnsureInstalledAsync() => Installed.Value;

    private static async Task InstallIfMissingAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        var sudo = Environment.UserName == "root" ? [] : new[] { "sudo", "-n" };
        var log = new System.Text.StringBuilder();
        foreach (var arguments in new[]
        {
            new[] { "apt-get", "update", "-q" },
            ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "chromium"],
        })
        {
            var command = sudo.Concat(arguments).ToArray();
            var (exitCode, output) = await RunAsync(command);
            log.AppendLine($"$ {string.Join(' ', command)} (exit {exitCode})").AppendLine(output);
            if (exitCode != 0)
            {
                break;
            }
        }

        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath} and could not install it. Install it with 'apt-get install -y chromium'.\n{log}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{command[0]} could not be started: {ex.Message}");
        }
    }
}
