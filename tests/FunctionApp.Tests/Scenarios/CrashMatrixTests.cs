using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Runtime;
using Xunit.Abstractions;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The crash matrix on the embedded runtime: every saga, on its happy path and on a compensating path (the step point
/// whose permanent failure compensates the most steps), runs in a child process (<see cref="CrashChild"/>) that is
/// SIGKILLed right after runtime commit point N; Standalone then starts again on the same files, the saga is driven to
/// its end, and the cell asserts the saga invariants (<see cref="MatrixInvariants"/>). The commit points are counted by
/// an uninterrupted in-process run of the same path (a child run may commit fewer times: then it is killed after its last). CI size: at most <see cref="SampledPoints"/> commit points per path,
/// spread over the run (first and last always); <c>SAGA_MATRIX=full</c>: every commit point.
/// </summary>
public class CrashMatrixTests(ITestOutputHelper output)
{
    private const int SampledPoints = 3;

    private static readonly bool Full = string.Equals(Environment.GetEnvironmentVariable("SAGA_MATRIX"), "full", StringComparison.OrdinalIgnoreCase);

    private static readonly MatrixFault Permanent = MatrixFault.Permanent;

    public static TheoryData<string> Sagas => FailureMatrix.Sagas;

    [Theory]
    [MemberData(nameof(Sagas))]
    public async Task CrashMatrix_SigKillAtCommitPoints_RestartFinishesTheSagaAndKeepsItsInvariants(string saga)
    {
        var clock = Stopwatch.StartNew();

        // In-process runs (the same Standalone) find the step points and count each path's runtime commits.
        var lastCommit = 0;
        var counter = new FaultHooks { OnCommitted = point => lastCommit = point };
        async Task<(MatrixCell Cell, int Commits)> CountedAsync(IReadOnlyList<(string Point, MatrixFault Fault)> faults)
        {
            var cell = await MatrixCell.RunAsync(async _ => await EmbeddedEngine.StartAsync(Settings(faults), hooks: counter), saga, faults);
            return (cell, lastCommit);
        }

        var (happy, happyCommits) = await CountedAsync([]);
        Assert.True(happy.Status is not null && MatrixInvariants.Successes.Contains(happy.Status), $"{saga}: the happy path ended {happy.Status}");

        // The compensating path: the step point whose permanent failure compensates the most steps (the last compensable step).
        var candidates = new List<(string Point, int Compensations, int Commits)>();
        foreach (var point in happy.Triggered.Keys.Order(StringComparer.Ordinal))
        {
            var (failed, failedCommits) = await CountedAsync([(point, Permanent)]);
            candidates.Add((point, failed.View.GetProperty("output").TryGetProperty("compensations", out var c) ? c.GetArrayLength() : 0, failedCommits));
        }

        var last = candidates.OrderByDescending(c => c.Compensations).ThenBy(c => c.Point, StringComparer.Ordinal).First();
        Assert.True(last.Compensations > 0, $"{saga}: no step point's permanent failure compensates anything");
        var paths = new List<(string Name, IReadOnlyList<(string Point, MatrixFault Fault)> Faults, int Commits)>
        {
            ("happy path", [], happyCommits),
            ($"{last.Point} fails permanently", [(last.Point, Permanent)], last.Commits),
        };

        var rows = new ConcurrentBag<MatrixRow>();
        using var gate = new SemaphoreSlim(3);
        async Task Cell(string path, IReadOnlyList<(string Point, MatrixFault Fault)> faults, int point, int commits)
        {
            await gate.WaitAsync();
            var folder = Path.Combine(Path.GetTempPath(), "saga-crash-" + Guid.NewGuid().ToString("N"));
            try
            {
                var settings = Settings(faults);
                var child = await CrashChild.RunAsync(folder, saga, point, settings);
                MatrixCell result;
                await using (var recovered = await EmbeddedEngine.StartAsync(settings, folder))
                {
                    await SagaDriver.RunAsync(recovered, saga, BadInputCorpus.ValidBodies[saga]);
                    result = await MatrixCell.ReadAsync(recovered, saga);
                }

                var violations = MatrixInvariants.Check(saga, result, happy, MatrixCell.Seed!, faults);
                if (!child.Killed)
                {
                    violations.Add($"the child was not killed (it ended '{child.Finished}' after {child.Commits} commits)");
                }

                var at = child.AtLastCommit ? $"{child.Commits.ToString("00", CultureInfo.InvariantCulture)} (its last)" : point.ToString("00", CultureInfo.InvariantCulture);
                rows.Add(new MatrixRow(saga, $"SIGKILL after commit {at} of {commits}", path, result.Outcome, violations));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                gate.Release();
            }
        }

        var cells = paths.SelectMany(p => Points(p.Commits).Select(point => Cell(p.Name, p.Faults, point, p.Commits))).ToList();
        await Task.WhenAll(cells);
        var table = MatrixDocument.Render(rows);
        output.WriteLine(table);
        output.WriteLine($"{rows.Count} cells in {clock.Elapsed.TotalSeconds:0} s");
        await MatrixDocument.WriteOrCompareAsync($"crash {saga}", table, check: false);
        var failures = rows.Where(r => r.Violations.Count > 0).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failing cells:\n" + string.Join("\n", failures.Select(f => $"{f.Fault} @ {f.Point}: {string.Join("; ", f.Violations)}")));
    }

    /// <summary>Commit points to kill at: every one (full size) or an even spread including the first and the last.</summary>
    private static IEnumerable<int> Points(int commits) =>
        Full || commits <= SampledPoints
            ? Enumerable.Range(1, commits)
            : Enumerable.Range(0, SampledPoints).Select(i => 1 + (int)Math.Round(i * (commits - 1) / (double)(SampledPoints - 1))).Distinct();

    /// <summary>The cell's configuration: the path's faults as startup faults (they survive the restart); participants on files.</summary>
    private static Dictionary<string, string?> Settings(IReadOnlyList<(string Point, MatrixFault Fault)> faults)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < faults.Count; i++)
        {
            var prefix = $"Participants:Faults:{i.ToString(CultureInfo.InvariantCulture)}:";
            settings[prefix + "Service"] = faults[i].Point.Split('/')[0];
            settings[prefix + "Operation"] = faults[i].Point.Split('/')[1];
            settings[prefix + "Mode"] = faults[i].Fault.Mode;
        }

        return settings;
    }
}
