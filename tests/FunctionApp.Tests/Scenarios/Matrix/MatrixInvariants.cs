using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The saga invariants every matrix cell must keep: a terminal state; the compensations that ran are exactly the
/// completed (or in-doubt) steps in reverse; no participant effect applied twice; money conserved; stock, seats and
/// balances back at the seed unless the saga succeeded; a dead letter exactly when a compensation failed for good.
/// </summary>
internal static class MatrixInvariants
{
    public static readonly string[] Successes = ["completed", "confirmed", "deployed", "paid"];

    /// <summary>Each broken invariant of <paramref name="result"/> is one violation; <paramref name="faults"/>: the cell's (the second, if any, is on a compensation).</summary>
    public static List<string> Check(string saga, MatrixCell result, MatrixCell happy, ParticipantState seed, IReadOnlyList<(string Point, MatrixFault Fault)> faults)
    {
        var violations = new List<string>();
        if (result.Status is null)
        {
            violations.Add($"no terminal saga status (runtime {result.RuntimeStatus})");
            return violations;
        }

        var output = result.View.GetProperty("output");
        var compensations = output.TryGetProperty("compensations", out var c) && c.ValueKind == JsonValueKind.Array ? [.. c.EnumerateArray()] : new List<JsonElement>();
        var completed = result.View.GetProperty("progress").GetProperty("completedSteps").EnumerateArray().Select(s => s.GetString()!).ToList();
        var succeeded = Successes.Contains(result.Status);
        var deadLettered = compensations.Count(x => x.GetProperty("status").GetString() == "dead_lettered");

        // Compensations: the in-doubt step's first, then completed steps in reverse (parallel groups: any order).
        var inDoubt = compensations.TakeWhile(x => x.GetProperty("stepWasInDoubt").GetBoolean()).Count();
        if (compensations.Skip(inDoubt).Any(x => x.GetProperty("stepWasInDoubt").GetBoolean()) && saga != "batch")
        {
            violations.Add("an in-doubt step's compensation ran after a completed step's");
        }

        var compensatedSteps = compensations.Skip(inDoubt).Select(x => x.GetProperty("step").GetString()!).ToList();
        var reversed = Enumerable.Reverse(completed).ToList();
        if (compensatedSteps.Any(s => !completed.Contains(s, StringComparer.Ordinal)))
        {
            violations.Add($"a compensation undid a step that did not complete: [{string.Join(", ", compensatedSteps)}] vs completed [{string.Join(", ", completed)}]");
        }
        else if (saga != "batch" && !IsSubsequence(compensatedSteps, reversed))
        {
            violations.Add($"compensations not in reverse order: [{string.Join(", ", compensatedSteps)}] vs completed [{string.Join(", ", completed)}]");
        }

        if (succeeded && compensations.Count > 0)
        {
            violations.Add($"ended {result.Status} but compensated {compensations.Count} steps");
        }

        // Money is conserved and, on success, the participants hold what the happy path left (no effect applied twice);
        // otherwise what they started with. A dead-lettered compensation leaves its share with the dead letter (an
        // operator owes the rest), so those two checks are off then.
        if (deadLettered == 0 && result.State.TotalBalance != happy.State.TotalBalance)
        {
            violations.Add($"money not conserved: {result.State.TotalBalance} vs {happy.State.TotalBalance}");
        }

        if (succeeded && result.State.Text != happy.State.Text)
        {
            violations.Add($"succeeded but participants differ from the happy path: {result.State.Text} vs {happy.State.Text}");
        }
        else if (!succeeded && deadLettered == 0 && result.State.Text != seed.Text)
        {
            violations.Add($"ended {result.Status} but stock/seats/balances are not back: {result.State.Text} vs {seed.Text}");
        }

        if (deadLettered != result.DeadLetters)
        {
            violations.Add($"{deadLettered} dead-lettered compensations but {result.DeadLetters} dead letters");
        }

        // An operation that only runs after a failure is a compensation (then it must be dead-lettered) or a best-effort
        // side operation such as the deployment's log collection (then the output must report its error): never silent.
        var compensationFault = faults.Skip(1).FirstOrDefault();
        if (compensationFault.Fault is { NeverEnds: true } && result.Triggered.GetValueOrDefault(compensationFault.Point) > 0
            && deadLettered == 0 && !ReportsError(output))
        {
            violations.Add($"{compensationFault.Point} failed for good but was neither dead-lettered nor reported in the output");
        }

        if (compensationFault.Fault is { Recovers: true } && deadLettered > 0)
        {
            violations.Add($"{compensationFault.Point} recovered but a dead letter was written");
        }

        return violations;
    }

    private static bool ReportsError(JsonElement output)
    {
        var text = output.GetRawText();
        return text.Contains("Injected", StringComparison.Ordinal) || text.Contains("timed out", StringComparison.Ordinal);
    }

    private static bool IsSubsequence(List<string> part, List<string> whole)
    {
        var i = 0;
        foreach (var item in whole)
        {
            if (i < part.Count && part[i] == item)
            {
                i++;
            }
        }

        return i == part.Count;
    }
}
