namespace SagaFunctions.Participants.Client;

/// <summary>HTTP header names of the participant API.</summary>
public static class ParticipantHeaders
{
    /// <summary>Required on every mutating call; a repeat with the same key returns the first result.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a response replayed from the idempotency store.</summary>
    public const string IdempotentReplayed = "Idempotent-Replayed";
}
