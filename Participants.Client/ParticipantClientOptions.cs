namespace SagaFunctions.Participants.Client;

/// <summary>
/// Options of the typed participant clients (configuration section <c>Participants:Client</c>, bound by the hosts).
/// </summary>
public sealed class ParticipantClientOptions
{
    public const string SectionName = "Participants:Client";

    /// <summary>The longest a single participant call may take; a call that takes longer is a timeout (a retryable
    /// failure: the caller is in doubt, and the saga retries under the same idempotency key or compensates).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The largest accepted <see cref="Timeout"/>.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromHours(1);

    internal bool IsValid => Timeout > TimeSpan.Zero && Timeout <= MaxTimeout;
}
