using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The failure matrix (run by <see cref="FailureMatrixTests"/> and <see cref="DurableFailureMatrixTests"/>, two classes so
/// that xUnit runs the engines in parallel) on the embedded runtime (Standalone on Kestrel, virtual clock) and on the real Durable Task engine
/// (FunctionApp's functions). Nothing is declared by hand: each saga's happy path runs once with a 1 ms latency probe on
/// every participant operation, and the operations it triggered are its step points; each step point is then failed
/// permanently, and the operations that run only then are its compensation points. Every point × fault class is one cell
/// on a fresh engine, and each cell asserts the saga invariants (<see cref="MatrixInvariants"/>). <c>SAGA_MATRIX=full</c>
/// adds more fault classes on compensations. The tables go to <c>docs/failure-matrix.md</c> (<see cref="MatrixDocument"/>).
/// </summary>
internal static class FailureMatrix
{
    private static readonly bool Full = string.Equals(Environment.GetEnvironmentVariable("SAGA_MATRIX"), "full", StringComparison.OrdinalIgnoreCase);

    private static readonly MatrixFault Permanent = MatrixFault.Permanent;

    /// <summary>Step fault classes: how the participant misbehaves on the step's operation.</summary>
    private static readonly MatrixFault[] StepFaults =
    [
        new("business rejection", "reject", null),
        new("transient ×2, then success", "transient", 2),
        Permanent,
        new("in doubt: applied, answer lost every time", "lost", 1000),
        new("applied, answer lost once", "lost", 1),
        new("latency beyond the call timeout, once", "latency", 1, MatrixFault.BeyondTimeoutMs),
        new("latency beyond the call timeout, every call", "latency", null, MatrixFault.BeyondTimeoutMs),
    ];

    private static readonly MatrixFault[] CompensationFaults = Full
        ?
        [
            Permanent,
            new("transient ×2, then success", "transient", 2),
            new("applied, answer lost once", "lost", 1),
            new("business rejection", "reject", null),
            new("latency beyond the call timeout, once", "latency", 1, MatrixFault.BeyondTimeoutMs),
            new("latency beyond the call timeout, every call", "latency", null, MatrixFault.BeyondTimeoutMs),
        ]
        :
        [
            Permanent,
            new("applied, answer lost once", "lost", 1),
            new("latency beyond the call timeout, once", "latency", 1, MatrixFault.BeyondTimeoutMs),
        ];

    public static TheoryData<string> Sagas => [.. BadInputCorpus.ValidBodies.Keys];

    /// <summary>Runs the whole matrix of <paramref name="saga"/> on engines made by <paramref name="start"/>; fails on any broken invariant.</summary>
    public static async Task RunAsync(string saga, string engineName, Func<bool, Task<ISagaEngine>> start, ITestOutputHelper output)
    {
        var happy = await MatrixCell.RunAsync(start, saga, []);
        Assert.True(happy.Status is not null && MatrixInvariants.Successes.Contains(happy.Status), $"{saga}: the happy path ended {happy.Status}: {happy.View}");
        var steps = happy.Triggered.Keys.Order(StringComparer.Ordinal).ToList();
        var label = engineName == "embedded" ? saga : $"{saga} (durable)";

        var rows = new ConcurrentBag<MatrixRow>();
        var compensationPoints = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        // Cells wait on participants and virtual time far more than they compute: four at a time on fresh engines.
        using var gate = new SemaphoreSlim(4);
        async Task Cell(string fault, string point, IReadOnlyList<(string Point, MatrixFault Fault)> faults)
        {
            await gate.WaitAsync();
            try
            {
                var result = await MatrixCell.RunAsync(start, saga, faults);
                rows.Add(new MatrixRow(label, fault, point, result.Outcome, MatrixInvariants.Check(saga, result, happy, MatrixCell.Seed!, faults)));
                if (faults.Count == 1 && faults[0].Fault == Permanent)
                {
                    foreach (var extra in result.Triggered.Keys.Where(k => !happy.Triggered.ContainsKey(k)))
                    {
                        compensationPoints.TryAdd(extra, faults[0].Point);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(steps.SelectMany(step => StepFaults.Select(f => Cell(f.Name, $"step {step}", [(step, f)]))));

        // Compensation points: an operation that only ran after a step failed; fail it while that step fails.
        await Task.WhenAll(compensationPoints.SelectMany(c => CompensationFaults.Select(f =>
            Cell(f.Name, $"compensation {c.Key} (after step {c.Value} fails)", [(c.Value, Permanent), (c.Key, f)]))));

        var table = MatrixDocument.Render(rows);
        output.WriteLine(table);
        var stale = await MatrixDocument.WriteOrCompareAsync($"{engineName} {saga}", table, check: !Full);
        var failures = rows.Where(r => r.Violations.Count > 0).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failing cells:\n" + string.Join("\n", failures.Select(f => $"{f.Fault} @ {f.Point}: {string.Join("; ", f.Violations)}")));
        Assert.NotEmpty(steps);
        Assert.True(stale is null, stale);
    }
}
