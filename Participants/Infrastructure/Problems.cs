using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>RFC 9457 problem details, always with a machine-readable <c>reason</c> extension.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static string Title(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "Bad Request",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Content Too Large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable Entity",
        StatusCodes.Status500InternalServerError => "Internal Server Error",
        StatusCodes.Status503ServiceUnavailable => "Service Unavailable",
        _ => "Error",
    };

    public static string TypeUri(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status500InternalServerError => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    /// <summary>The JSON body of a problem, for storing under an idempotency key.</summary>
    public static string Serialize(int statusCode, string reason, string detail, string? instance)
    {
        var problem = Create(statusCode, reason, detail, instance);
        return JsonSerializer.Serialize(problem, ParticipantJson.Options);
    }

    public static IResult Result(int statusCode, string reason, string detail, string? instance = null) =>
        TypedResults.Problem(Create(statusCode, reason, detail, instance));

    public static IResult NotFound(string reason, string detail, string? instance = null) =>
        Result(StatusCodes.Status404NotFound, reason, detail, instance);

    /// <summary>400 naming the bad field(s) in <c>errors</c> and in <c>detail</c>.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors, string? instance = null) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "Invalid request: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            instance: instance,
            extensions: new Dictionary<string, object?> { ["reason"] = RejectionCodes.InvalidRequest });

    public static IResult Validation(string field, string message, string? instance = null) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, instance);

    private static ProblemDetails Create(int statusCode, string reason, string detail, string? instance)
    {
        var problem = new ProblemDetails
        {
            Type = TypeUri(statusCode),
            Title = Title(statusCode),
            Status = statusCode,
            Detail = detail,
            Instance = instance,
        };
        problem.Extensions["reason"] = reason;
        return problem;
    }
}
