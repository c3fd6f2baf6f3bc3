using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>What an operation decided: a success value, or a business rejection (stored and replayed like a success).</summary>
internal sealed record Outcome(int StatusCode, object? Value, string? Reason, string? Detail)
{
    public bool IsRejection => Reason is not null;

    public static Outcome Ok(object value) => new(StatusCodes.Status200OK, value, null, null);

    /// <summary>409: the request conflicts with the current state (out of stock, seat taken, hold expired...).</summary>
    public static Outcome Conflict(string reason, string detail) => new(StatusCodes.Status409Conflict, null, reason, detail);

    /// <summary>422: the request is well-formed but refused by a business rule (over limit, insufficient funds...).</summary>
    public static Outcome Unprocessable(string reason, string detail) => new(StatusCodes.Status422UnprocessableEntity, null, reason, detail);
}
