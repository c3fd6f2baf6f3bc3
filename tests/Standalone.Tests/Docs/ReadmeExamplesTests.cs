using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SagaFunctions.Standalone.Tests.Docs;

/// <summary>
/// Runs the README as a user would: every <c>bash</c> block marked <c>&lt;!-- runnable --&gt;</c>, in order, with bash and
/// curl against the app on a real port (the <c>&lt;!-- runnable: setup --&gt;</c> block first, its output discarded),
/// and compares what it prints with the block's "Expected output" (<c>...</c> matches anything within a line).
/// </summary>
public sealed partial class ReadmeExamplesTests(ReadmeApp app) : IClassFixture<ReadmeApp>
{
    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));

    public static TheoryData<int> Blocks()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Examples().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void Readme_MarksItsExamplesRunnable_EachWithItsExpectedOutput()
    {
        var examples = Examples();

        Assert.True(examples.Count >= 15, $"Only {examples.Count} runnable blocks found in README.md.");
        Assert.All(examples, e => Assert.True(e.Expected.Count > 0, $"Runnable block {e.Heading} has no expected output."));
        Assert.Single(BlockPattern().Matches(Readme.Value), m => m.Groups["setup"].Success);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task ReadmeBlock_RunWithBash_PrintsTheExpectedOutput(int index)
    {
        var example = Examples()[index];
        Assert.True(ToolExists("jq") && ToolExists("curl"), "The README's examples need curl and jq on PATH.");

        var (exitCode, output, error) = await RunBashAsync($"set -euo pipefail\n{{\n{Setup()}\n}} > /dev/null\n{example.Script}");

        var actual = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (actual.Count > 0 && actual[^1].Length == 0)
        {
            actual.RemoveAt(actual.Count - 1);
        }

        var report = $"Block #{index} under '{example.Heading}' (exit {exitCode}).\n--- expected\n{string.Join('\n', example.Expected)}\n--- actual\n{output}\n--- stderr\n{error}";
        Assert.True(exitCode == 0, report);
        Assert.True(actual.Count == example.Expected.Count && actual.Zip(example.Expected).All(p => Matches(p.First, p.Second)), report);
    }

    private static bool Matches(string actual, string expected) =>
        Regex.IsMatch(actual, "^" + string.Join(".*", expected.Split("...").Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private async Task<(int ExitCode, string Output, string Error)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BASE"] = app.BaseUrl;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private static string Setup() =>
        BlockPattern().Matches(Readme.Value).Single(m => m.Groups["setup"].Success).Groups["script"].Value;

    private static List<Example> Examples() =>
        [.. BlockPattern().Matches(Readme.Value)
            .Where(m => !m.Groups["setup"].Success)
            .Select(m => new Example(
                HeadingBefore(m.Index),
                m.Groups["script"].Value,
                m.Groups["expected"].Success ? [.. m.Groups["expected"].Value.TrimEnd('\n').Split('\n')] : []))];

    private static string HeadingBefore(int index)
    {
        var heading = Readme.Value[..index].Split('\n').LastOrDefault(l => l.StartsWith('#'));
        return heading?.TrimStart('#', ' ') ?? "(top)";
    }

    private static bool ToolExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && File.Exists(Path.Combine(dir.FullName, "SagaFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("README.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<!-- runnable(?<setup>: setup)? -->\n```bash\n(?<script>.*?)```\n(?:\nExpected output:\n\n```text\n(?<expected>.*?)```)?", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();

    private sealed record Example(string Heading, string Script, IReadOnlyList<string> Expected);
}
