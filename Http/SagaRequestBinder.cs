using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// Turns a start body into the saga's request record: must be a JSON object of the right shape (type errors name the
/// field by its JSON path; a field the type does not
/// have is refused), then <see cref="ISagaRequest.Validate"/> runs. Any error is a 400 listing every field.
/// </summary>
public static class SagaRequestBinder
{
    public static (object? Request, IResult? Error) Bind(JsonElement? body, Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        if (body is not { } root)
        {
            return (null, HttpProblems.Validation("$", "A JSON request body is required."));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, HttpProblems.Validation("$", "The request body must be a JSON object."));
        }

        // A field the request type does not have is refused (a typo would otherwise be silently ignored).
        var unknown = RequestShape.UnknownFields(root, requestType);
        if (unknown.Count > 0)
        {
            return (null, HttpProblems.Validation(ToDictionary(unknown)));
        }

        object? request;
        try
        {
            request = root.Deserialize(requestType, SagaHttpJson.Options);
        }
        catch (JsonException ex)
        {
            var field = FieldPath(ex.Path);
            return (null, HttpProblems.Validation(field, $"The value of '{field}' has the wrong type or format."));
        }
        catch (NotSupportedException ex)
        {
            return (null, HttpProblems.Validation("$", ex.Message));
        }

        if (request is null)
        {
            return (null, HttpProblems.Validation("$", "A JSON request body is required."));
        }

        if (request is ISagaRequest validatable)
        {
            // A missing number would read as 0 and be reported as out of range; say it is missing instead.
            var missing = MissingNumbers(root, requestType);
            var errors = ToDictionary(validatable.Validate().Where(e => !missing.Contains(e.Field))
                .Concat(missing.Select(field => new FieldError(field, $"'{field}' is required."))));
            if (errors.Count > 0)
            {
                return (null, HttpProblems.Validation(errors));
            }
        }

        return (request, null);
    }

    /// <summary>
    /// Binds with a saga's own binder (<see cref="SagaDeclaration.BindInput"/>: a declarative saga's input schema): the
    /// body must be a JSON object; every field error is a 400 listing every field.
    /// </summary>
    public static (object? Request, IResult? Error) Bind(JsonElement? body, Func<JsonElement, (object? Input, IReadOnlyList<FieldError> Errors)> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (body is not { } root)
        {
            return (null, HttpProblems.Validation("$", "A JSON request body is required."));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, HttpProblems.Validation("$", "The request body must be a JSON object."));
        }

        var (input, errors) = bind(root);
        return errors.Count > 0 || input is null
            ? (null, HttpProblems.Validation(ToDictionary(errors.Count > 0 ? errors : [new FieldError("$", "A JSON request body is required.")])))
            : (input, null);
    }

    /// <summary>
    /// The JSON paths of the request's required number parameters (non-nullable, no default) that the body lacks, nested
    /// ones included (<c>items[0].quantity</c>).
    /// </summary>
    public static HashSet<string> MissingNumbers(JsonElement body, Type requestType) => RequestShape.MissingNumbers(body, requestType);

    /// <summary>Groups field errors into the <c>errors</c> dictionary of a validation problem.</summary>
    public static Dictionary<string, string[]> ToDictionary(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary><c>$.items[0].quantity</c> → <c>items[0].quantity</c>; the root stays <c>$</c>.</summary>
    public static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "$";
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path.Length == 0 ? "$" : path;
    }
}
