using System.Diagnostics.CodeAnalysis;

namespace SagaFunctions.Participants.Client;

/// <summary>
/// The answer of a participant call: a success value, or a business rejection (<see cref="Code"/> is the problem's
/// <c>reason</c>, e.g. <c>insufficient_funds</c>; never retried). Technical failures are not results: they throw
/// <see cref="ParticipantUnavailableException"/>. Create with <see cref="ParticipantResult"/>.
/// </summary>
public sealed record ParticipantResult<T>
{
    internal ParticipantResult(T? value, string? code, string? message, int statusCode, bool replayed)
    {
        Value = value;
        Code = code;
        Message = message;
        StatusCode = statusCode;
        Replayed = replayed;
    }

    /// <summary>The response; not null when <see cref="Succeeded"/>.</summary>
    public T? Value { get; init; }

    /// <summary>The rejection code (snake_case), null on success.</summary>
    public string? Code { get; init; }

    /// <summary>The rejection's human-readable message, null on success.</summary>
    public string? Message { get; init; }

    public int StatusCode { get; init; }

    /// <summary>True when the participant answered from its idempotency store (a repeat of an earlier call).</summary>
    public bool Replayed { get; init; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Code), nameof(Message))]
    public bool Succeeded => Code is null;
}
