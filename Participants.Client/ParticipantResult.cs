namespace SagaFunctions.Participants.Client;

/// <summary>Factory methods for <see cref="ParticipantResult{T}"/>.</summary>
public static class ParticipantResult
{
    public static ParticipantResult<T> Success<T>(T value, int statusCode = 200, bool replayed = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ParticipantResult<T>(value, null, null, statusCode, replayed);
    }

    public static ParticipantResult<T> Rejected<T>(string code, string message, int statusCode, bool replayed = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new ParticipantResult<T>(default, code, message ?? code, statusCode, replayed);
    }
}
