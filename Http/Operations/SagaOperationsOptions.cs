namespace SagaFunctions.Http.Operations;

/// <summary>
/// The <c>Operations</c> configuration section, read by both hosts: how long finished sagas and resolved dead letters
/// are kept, and when an open dead letter is escalated.
/// </summary>
public sealed class SagaOperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>Finished sagas (completed, failed, terminated) older than this are purged with their history. Default 30 days.</summary>
    public TimeSpan FinishedSagaRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Resolved dead letters are deleted this long after their resolution; unresolved ones are always kept. Default 90 days.</summary>
    public TimeSpan ResolvedDeadLetterRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often Standalone sweeps (retention and escalation). FunctionApp's timer runs on its own schedule. Default 1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A dead letter still open (or retry-failed) this long after its last failure is escalated, once, and its saga is
    /// shown as stuck. Default 4 hours.
    /// </summary>
    public TimeSpan DeadLetterSla { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// The grace of the other stuck bounds: a retry due, or a wait ended, this long ago without the saga moving on, or no
    /// change for this long while running and not waiting. Default 15 minutes.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The HTTP contract's options with these stuck bounds.</summary>
    public SagaHttpOptions ApplyTo(SagaHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { StuckAfter = StuckAfter, DeadLetterSla = DeadLetterSla };
    }

    /// <summary>Who the escalation message goes to (through the notifications participant).</summary>
    public string EscalationRecipient { get; set; } = "operations@example.com";

    /// <summary>The problem with these values, or null when they are usable.</summary>
    public string? Validate() =>
        FinishedSagaRetention <= TimeSpan.Zero ? $"{SectionName}:{nameof(FinishedSagaRetention)} must be positive."
        : ResolvedDeadLetterRetention <= TimeSpan.Zero ? $"{SectionName}:{nameof(ResolvedDeadLetterRetention)} must be positive."
        : SweepInterval <= TimeSpan.Zero ? $"{SectionName}:{nameof(SweepInterval)} must be positive."
        : DeadLetterSla <= TimeSpan.Zero ? $"{SectionName}:{nameof(DeadLetterSla)} must be positive."
        : StuckAfter <= TimeSpan.Zero ? $"{SectionName}:{nameof(StuckAfter)} must be positive."
        : string.IsNullOrWhiteSpace(EscalationRecipient) ? $"{SectionName}:{nameof(EscalationRecipient)} must not be empty."
        : null;
}
