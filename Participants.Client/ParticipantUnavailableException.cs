namespace SagaFunctions.Participants.Client;

/// <summary>
/// A technical failure talking to a participant: a 5xx (including injected faults), 408/429, a timeout or a
/// connection failure. The call may or may not have taken effect; the saga retries it with the same idempotency key.
/// </summary>
public sealed class ParticipantUnavailableException : Exception
{
    public ParticipantUnavailableException()
    {
    }

    public ParticipantUnavailableException(string message)
        : base(message)
    {
    }

    public ParticipantUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParticipantUnavailableException(string message, int? statusCode, string? reason, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status, or null when no response arrived (timeout, connection failure).</summary>
    public int? StatusCode { get; }

    /// <summary>The problem's <c>reason</c> when the body had one (e.g. <c>injected_fault</c>).</summary>
    public string? Reason { get; }
}
