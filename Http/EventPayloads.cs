using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// Validates an external event's payload against the payload type its saga declares (docs/architecture.md, "HTTP
/// contract"; <see cref="SagaDeclaration.EventPayloads"/>): the body is a JSON object with only the type's fields; a
/// <c>bool</c> field is required (<c>payment</c>'s <c>succeeded</c>, <c>approval</c>'s <c>approved</c>); a string field
/// must be a string within its <see cref="StringLengthAttribute"/> (else <see cref="MaxTextLength"/>) without control
/// characters (line breaks allowed where it is <see cref="DataType.MultilineText"/>, as <c>reason</c> and <c>note</c>);
/// then a payload that is an <see cref="ISagaRequest"/> checks itself (a successful payment needs its id). An event
/// without a declared type (a declarative saga's) accepts any JSON object, or no body, with at most a text <c>reason</c>.
/// </summary>
public static class EventPayloads
{
    public const int MaxTextLength = 500;

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Each payload type's fields, read once by reflection.</summary>
    private static readonly ConcurrentDictionary<Type, List<PayloadField>> Fields = new();

    /// <summary>The errors of <paramref name="body"/> as the <paramref name="eventName"/> payload of type <paramref name="payloadType"/>, by field.</summary>
    public static Dictionary<string, string[]> Validate(string eventName, JsonElement? body, Type? payloadType)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fields = payloadType is null ? FreeForm : Fields.GetOrAdd(payloadType, FieldsOf);
        var required = fields.Where(f => f.Required).Select(f => f.Name).ToList();
        if (body is not { } root)
        {
            required.ForEach(name => errors[name] = [$"'{name}' (true or false) is required."]);
            return errors;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["The event payload must be a JSON object."];
            return errors;
        }

        if (payloadType is not null)
        {
            var known = fields.Select(f => f.Name).ToList();
            foreach (var property in root.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
            {
                errors[property.Name] = [$"'{property.Name}' is not a field of the '{eventName}' payload. Fields: {string.Join(", ", known)}."];
            }
        }

        foreach (var field in fields)
        {
            CheckField(field, root, errors);
        }

        // Once every declared field has its shape, the payload checks itself (fields across each other).
        if (payloadType is not null && typeof(ISagaRequest).IsAssignableFrom(payloadType) && fields.All(f => !errors.ContainsKey(f.Name))
            && root.Deserialize(payloadType, PayloadJson) is ISagaRequest payload)
        {
            foreach (var error in payload.Validate())
            {
                errors.TryAdd(error.Field, [error.Message]);
            }
        }

        return errors;
    }

    private static void CheckField(PayloadField field, JsonElement root, Dictionary<string, string[]> errors)
    {
        var present = root.TryGetProperty(field.Name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        if (field.Required)
        {
            if (!present)
            {
                errors[field.Name] = [$"'{field.Name}' (true or false) is required."];
            }
            else if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors[field.Name] = [$"'{field.Name}' must be a boolean."];
            }

            return;
        }

        if (!present || field.MaxLength is not { } maxLength)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field.Name] = [$"'{field.Name}' must be a string."];
        }
        else if (value.GetString()!.Length > maxLength)
        {
            errors[field.Name] = [$"'{field.Name}' must be at most {maxLength} characters."];
        }
        else if (RequestChecks.HasControlCharacter(value.GetString()!, allowLineBreaks: field.Multiline))
        {
            errors[field.Name] = [field.Multiline
                ? $"'{field.Name}' must not contain control characters other than tab and line breaks."
                : $"'{field.Name}' must not contain control characters."];
        }
    }

    /// <summary>The JSON fields of a payload type, in declaration order: camelCase names, booleans required, strings as text.</summary>
    private static List<PayloadField> FieldsOf(Type payloadType) =>
        [.. payloadType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new PayloadField(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Required: p.PropertyType == typeof(bool),
                MaxLength: p.PropertyType == typeof(string) ? p.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength ?? MaxTextLength : null,
                Multiline: p.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.MultilineText))];

    /// <summary>What an event without a declared payload type is held to: an optional text <c>reason</c>.</summary>
    private static readonly List<PayloadField> FreeForm = [new("reason", Required: false, MaxTextLength, Multiline: true)];

    private sealed record PayloadField(string Name, bool Required, int? MaxLength, bool Multiline);
}
