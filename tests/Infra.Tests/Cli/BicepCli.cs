using System.Diagnostics;
using System.Reflection;

namespace SagaFunctions.Infra.Tests.Cli;

/// <summary>
/// The real Bicep CLI, from the NuGet package the test project downloads (<c>PackageDownload</c> of
/// Azure.Bicep.CommandLine.linux-x64). Its location is derived from the restore's package root, recorded in the test
/// assembly at build time; when it is not there the tests fail with the paths that were probed — they never skip.
/// </summary>
public sealed class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<BicepCli> Current = new(() => Locate(BuildMetadata()));

    public BicepCli(string executablePath)
    {
        ExecutablePath = executablePath;
    }

    /// <summary>The CLI of the pinned package, located once per test run.</summary>
    public static BicepCli Pinned => Current.Value;

    public string ExecutablePath { get; }

    /// <summary>The package id, version and NuGet package root recorded by the test project's build.</summary>
    public static PackageLocation BuildMetadata()
    {
        var metadata = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        string Required(string key) =>
            metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw new InvalidOperationException(
                    $"The test assembly has no '{key}' metadata: build tests/Infra.Tests with dotnet build (it records the NuGet restore's package root and the Bicep CLI package).");
        return new PackageLocation(Required("NuGetPackageRoot"), Required("BicepCliPackageId"), Required("BicepCliVersion"));
    }

    /// <summary>
    /// The executable inside the package folder (<c>&lt;root&gt;/&lt;id&gt;/&lt;version&gt;/tools/bicep</c>, lower-case as
    /// NuGet lays it out), made executable when the extraction lost the bit. Throws when it is not there.
    /// </summary>
    public static BicepCli Locate(PackageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var name = OperatingSystem.IsWindows() ? "bicep.exe" : "bicep";
        var path = Path.Combine(
            location.PackageRoot,
            location.PackageId.ToLowerInvariant(),
            location.Version.ToLowerInvariant(),
            "tools",
            name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI was not found at {path}. It comes from the NuGet package {location.PackageId} {location.Version}, "
                + "which tests/Infra.Tests downloads on restore (PackageDownload); run 'dotnet restore tests/Infra.Tests'. "
                + "The package holds a linux-x64 binary only.",
                path);
        }

        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return new BicepCli(path);
    }

    /// <summary><c>bicep build --stdout</c>: the ARM JSON template and the diagnostics (SARIF, on standard error).</summary>
    public BicepResult Build(string bicepFile, string? configFile = null)
    {
        var arguments = new List<string> { "build", bicepFile, "--stdout", "--no-restore", "--diagnostics-format", "sarif" };
        AddConfig(arguments, configFile);
        var run = Run(arguments);
        return new BicepResult(run, Sarif.Parse(run.StandardError, run), run.ExitCode == 0 ? run.StandardOutput : null);
    }

    /// <summary><c>bicep lint</c>: the diagnostics (SARIF, on standard output).</summary>
    public BicepResult Lint(string bicepFile, string? configFile = null)
    {
        var arguments = new List<string> { "lint", bicepFile, "--no-restore", "--diagnostics-format", "sarif" };
        AddConfig(arguments, configFile);
        var run = Run(arguments);
        return new BicepResult(run, Sarif.Parse(run.StandardOutput, run), null);
    }

    /// <summary>
    /// <c>bicep build --pattern</c>: every matching file compiled into <paramref name="outputDirectory"/> (the folder
    /// layout below the pattern's base kept), diagnostics of all of them in one SARIF log (on standard error).
    /// </summary>
    public BicepResult BuildAll(string pattern, string outputDirectory)
    {
        var run = Run(["build", "--pattern", pattern, "--outdir", outputDirectory, "--no-restore", "--diagnostics-format", "sarif"]);
        return new BicepResult(run, Sarif.Parse(run.StandardError, run), null);
    }

    /// <summary><c>bicep lint --pattern</c>: every matching file linted, diagnostics in one SARIF log (on standard output).</summary>
    public BicepResult LintAll(string pattern)
    {
        var run = Run(["lint", "--pattern", pattern, "--no-restore", "--diagnostics-format", "sarif"]);
        return new BicepResult(run, Sarif.Parse(run.StandardOutput, run), null);
    }

    /// <summary><c>bicep --version</c>.</summary>
    public string Version() => Run(["--version"]).StandardOutput.Trim();

    private static void AddConfig(List<string> arguments, string? configFile)
    {
        if (configFile is not null)
        {
            arguments.Add("--config");
            arguments.Add(configFile);
        }
    }

    private ProcessRun Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        process.WaitForExit();
        return new ProcessRun(
            $"bicep {string.Join(' ', arguments)}",
            process.ExitCode,
            stdout.GetAwaiter().GetResult(),
            stderr.GetAwaiter().GetResult());
    }
}

/// <summary>Where the Bicep CLI package was restored.</summary>
public sealed record PackageLocation(string PackageRoot, string PackageId, string Version);

/// <summary>One run of the CLI.</summary>
public sealed record ProcessRun(string CommandLine, int ExitCode, string StandardOutput, string StandardError);

/// <summary>What a build or lint produced: the diagnostics, and for a successful build the ARM JSON.</summary>
public sealed record BicepResult(ProcessRun Run, SarifLogs Logs, string? Template)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics => Logs.Diagnostics;

    /// <summary>How many files the CLI reported on (one SARIF log each).</summary>
    public int FileCount => Logs.Count;

    public IReadOnlyList<BicepDiagnostic> Errors => Diagnostics.Where(d => d.Level == "error").ToList();

    public IReadOnlyList<BicepDiagnostic> Warnings => Diagnostics.Where(d => d.Level == "warning").ToList();

    /// <summary>The diagnostics located in one file (SARIF names files by file: URI).</summary>
    public IReadOnlyList<BicepDiagnostic> In(string path)
    {
        var full = Path.GetFullPath(path);
        return Diagnostics.Where(d => Uri.TryCreate(d.File, UriKind.Absolute, out var uri) && uri.IsFile
            && string.Equals(Path.GetFullPath(uri.LocalPath), full, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Every diagnostic on its own line, plus the exit code, for a failure message.</summary>
    public string Describe() =>
        $"{Run.CommandLine} exited {Run.ExitCode} with {Diagnostics.Count} diagnostic(s) over {FileCount} file(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, Diagnostics.Select(d => "  " + d));
}
