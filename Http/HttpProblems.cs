using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>
/// RFC 9457 problem-details responses (<c>application/problem+json</c>) for every error the contract returns.
/// Validation errors carry an <c>errors</c> dictionary keyed by camelCase field path, like ASP.NET's
/// <c>ValidationProblemDetails</c>.
/// </summary>
public static class HttpProblems
{
    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(
            errors,
            detail: detail ?? "The request is invalid; see 'errors' for each field.",
            title: "One or more validation errors occurred.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "Not Found", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.10", extensions);

    public static IResult Gone(string detail) =>
        Problem(StatusCodes.Status410Gone, "Gone", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.11");

    public static IResult PreconditionFailed(string detail) =>
        Problem(StatusCodes.Status412PreconditionFailed, "Precondition Failed", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.13");

    public static IResult PayloadTooLarge(int limitBytes) =>
        Problem(
            StatusCodes.Status413PayloadTooLarge,
            "Content Too Large",
            $"The request body exceeds the limit of {limitBytes} bytes.",
            "https://tools.ietf.org/html/rfc9110#section-15.5.14");

    public static IResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.2");

    public static IResult NotImplemented(string detail) =>
        Problem(StatusCodes.Status501NotImplemented, "Not Implemented", detail, "https://tools.ietf.org/html/rfc9110#section-15.6.2");

    private static IResult Problem(
        int status, string title, string detail, string type, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);
}
