using System.Globalization;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Http.Operations;

/// <summary>
/// Escalates dead letters left open past their SLA (<see cref="SagaOperationsOptions.DeadLetterSla"/>, counted from the
/// last failure): one message through the notifications participant, then <see cref="DeadLetterEntry.EscalatedAt"/> on
/// the record. The message carries the idempotency key <c>escalation:{id}</c>, so a sweep that sent it and died before
/// marking the record sends it again under the same key and the participant answers from its store: one message per
/// dead letter. Run by Standalone's sweeper and FunctionApp's timer function.
/// </summary>
public sealed class DeadLetterEscalation(IDeadLetterStore store, NotificationsClient notifications, SagaOperationsOptions options)
{
    /// <summary>Escalates every entry due at <paramref name="now"/> (UTC, the clock the sagas run on); returns the ids escalated by this call.</summary>
    public async Task<IReadOnlyList<string>> EscalateDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var escalated = new List<string>();
        var entries = await store.ListAsync(null, cancellationToken);
        foreach (var entry in entries.Where(e => IsDue(e, now, options.DeadLetterSla)))
        {
            var id = entry.Record.Id;
            var sent = await notifications.SendAsync(
                $"escalation:{id}",
                new SendEmailRequest(
                    options.EscalationRecipient,
                    $"Dead letter open past its SLA: {id}",
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Saga '{entry.Record.SagaName}' instance '{entry.Record.InstanceId}': compensation '{entry.Record.CompensationActivity}' of step '{entry.Record.StepName}' has failed since {entry.Record.LastFailureAt:O} ({entry.Record.ErrorType}: {entry.Record.ErrorMessage}). Status {entry.Status}, {entry.RetryCount} retries. Retry or resolve it: POST /api/dead-letters/{Uri.EscapeDataString(id)}/retry or /resolve.")),
                cancellationToken);
            if (!sent.Succeeded)
            {
                throw new InvalidOperationException($"The escalation of dead letter '{id}' was refused by the notifications participant: {sent.Code} ({sent.Message}).");
            }

            var marked = await store.UpdateAsync(id, e => IsDue(e, now, options.DeadLetterSla) ? e with { EscalatedAt = now } : null, cancellationToken);
            if (marked?.Changed == true)
            {
                escalated.Add(id);
            }
        }

        return escalated;
    }

    /// <summary>Open or retry-failed, not escalated yet, and its last failure older than the SLA.</summary>
    public static bool IsDue(DeadLetterEntry entry, DateTime now, TimeSpan sla)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.EscalatedAt is null
            && entry.Status is DeadLetterStatus.Open or DeadLetterStatus.RetryFailed
            && now - entry.Record.LastFailureAt >= sla;
    }
}
