using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Http;

/// <summary>
/// The dead-letter bound of "stuck": a saga with a dead letter still open (or retry-failed) longer than
/// <see cref="SagaHttpOptions.DeadLetterSla"/> after its last failure is stuck, finished or not, since that failure.
/// Applied where the other bounds found nothing.
/// </summary>
internal static class DeadLetterStuck
{
    /// <summary>The oldest overdue dead letter of each instance.</summary>
    public static Dictionary<string, DeadLetterEntry> Overdue(IEnumerable<DeadLetterEntry> entries, DateTimeOffset now, TimeSpan sla) =>
        entries
            .Where(e => e.Status is DeadLetterStatus.Open or DeadLetterStatus.RetryFailed
                && now - new DateTimeOffset(DateTime.SpecifyKind(e.Record.LastFailureAt, DateTimeKind.Utc)) >= sla)
            .GroupBy(e => e.Record.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(e => e.Record.LastFailureAt)!, StringComparer.Ordinal);

    public static SagaStuckView? Apply(SagaStuckView? stuck, string instanceId, Dictionary<string, DeadLetterEntry> overdue, TimeSpan sla)
    {
        if (stuck is not null || !overdue.TryGetValue(instanceId, out var letter))
        {
            return stuck;
        }

        var since = new DateTimeOffset(DateTime.SpecifyKind(letter.Record.LastFailureAt, DateTimeKind.Utc));
        return new SagaStuckView(since, $"Dead letter '{letter.Record.Id}' has been {letter.Status switch { DeadLetterStatus.RetryFailed => "retry-failed", _ => "open" }} since {since:O}, past its SLA of {sla}.");
    }
}
