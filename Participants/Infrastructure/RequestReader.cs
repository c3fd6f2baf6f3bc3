using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>
/// Reads a JSON request body into a contract record with errors a caller can act on: a body over the size limit is a
/// 413 (<c>payload_too_large</c>); malformed JSON, missing required fields (constructor parameters without a default)
/// and wrongly typed fields each become a 400 naming the field. Done by hand rather than by minimal-API binding, whose failures are empty 400s.
/// </summary>
internal static class RequestReader
{
    private static readonly ConcurrentDictionary<Type, string[]> RequiredFields = new();

    /// <summary>
    /// The participants' JSON settings, strict for requests: a number sent as a string (<c>"amount": "1.00"</c>) and a
    /// field the request type does not have are errors naming the field, not silently read or ignored.
    /// </summary>
    private static readonly JsonSerializerOptions StrictOptions = new(ParticipantJson.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        // The one content-type rule of the API: the body is read as JSON whatever Content-Type says (curl -d sends
        // application/x-www-form-urlencoded); only its content is checked.
        var instance = request.Path.Value;
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes, instance));
        }

        var bytes = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge(maxBytes, instance));
        }

        if (bytes.Length == 0)
        {
            return (null, Problems.Validation("body", "A JSON request body is required.", instance));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Validation("body", $"The request body is not valid JSON: {ex.Message}", instance));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Validation("body", "The request body must be a JSON object.", instance));
            }

            var missing = new ValidationErrors();
            foreach (var field in RequiredFields.GetOrAdd(typeof(T), FindRequiredFields))
            {
                if (!TryGetProperty(document.RootElement, field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    missing.Add(field, $"The {field} field is required.");
                }
            }

            if (!missing.IsEmpty)
            {
                return (null, Problems.Validation(missing.ToDictionary(), instance));
            }

            try
            {
                var value = document.Deserialize<T>(StrictOptions);
                return value is null
                    ? (null, Problems.Validation("body", "The request body must be a JSON object.", instance))
                    : (value, null);
            }
            catch (JsonException ex) when (UnmappedMember(ex.Message) is { } unknown)
            {
                return (null, Problems.Validation(unknown, $"The {unknown} field is not a field of this request.", instance));
            }
            catch (JsonException ex)
            {
                var field = FieldOf(ex.Path);
                return (null, Problems.Validation(field, $"The {field} field has an invalid value.", instance));
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json throws this for text it cannot transcode (invalid UTF-8 inside a string).
                return (null, Problems.Validation("body", "The request body is not valid UTF-8.", instance));
            }
        }
    }

    /// <summary>The property named by System.Text.Json's "could not be mapped" error (<c>The JSON property 'x' could not be mapped ...</c>).</summary>
    private static string? UnmappedMember(string message)
    {
        const string Prefix = "The JSON property '";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal) || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf("' could not be mapped", Prefix.Length, StringComparison.Ordinal);
        return end > Prefix.Length ? message[Prefix.Length..end] : null;
    }

    /// <summary>Turns a JSON path (<c>$.items[0].quantity</c>) into a field name (<c>items[0].quantity</c>).</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static IResult TooLarge(int maxBytes, string? instance) =>
        Problems.Result(
            StatusCodes.Status413PayloadTooLarge,
            RejectionCodes.PayloadTooLarge,
            $"The request body exceeds the {maxBytes}-byte limit.",
            instance);

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string[] FindRequiredFields(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        return constructor is null
            ? []
            : [.. constructor.GetParameters()
                .Where(p => !p.HasDefaultValue && Nullable.GetUnderlyingType(p.ParameterType) is null)
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))];
    }
}
