using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// Validates a start body against a definition's input fields with the C# requests' checks and messages
/// (<see cref="RequestChecks"/>): every error names its field by JSON path (<c>items[0].quantity</c>). Field names match
/// case-insensitively, as the C# binder reads them; the accepted request is rewritten with the schema's spelling and
/// only its fields, so templates and participants see one shape.
/// </summary>
public static class InputSchema
{
    public static (JsonObject? Request, IReadOnlyList<FieldError> Errors) Validate(IReadOnlyList<InputField> fields, JsonElement body)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("$", "The request body must be a JSON object."));
            return (null, errors);
        }

        try
        {
            var request = ReadObject(fields, body, string.Empty, errors);
            return errors.Count == 0 ? (request, errors) : (null, errors);
        }
        catch (InvalidOperationException)
        {
            // A property name that is not valid UTF-16 (a lone surrogate): JsonElement cannot read it.
            return (null, [new FieldError("$", "The request body is not valid JSON text (a lone surrogate in a field name).")]);
        }
    }

    private static JsonObject ReadObject(IReadOnlyList<InputField> fields, JsonElement body, string path, List<FieldError> errors)
    {
        var result = new JsonObject();
        foreach (var property in body.EnumerateObject())
        {
            if (!fields.Any(f => string.Equals(f.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                var field = Join(path, property.Name);
                errors.Add(new FieldError(field, $"'{field}' is not a field of this request. Fields: {string.Join(", ", fields.Select(f => f.Name))}."));
            }
        }

        foreach (var field in fields)
        {
            var name = Join(path, field.Name);
            var present = body.EnumerateObject().Where(p => string.Equals(p.Name, field.Name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
            if (present is not { ValueKind: not JsonValueKind.Null } value)
            {
                if (field.Required)
                {
                    // As the C# requests say it: a missing list is an empty one.
                    errors.Add(new FieldError(name, field.Type == InputTypes.Array ? $"'{name}' must contain at least one entry." : $"'{name}' is required."));
                }

                continue;
            }

            if (ReadValue(field, field.Type, value, name, errors) is { } node)
            {
                result[field.Name] = node;
            }
        }

        return result;
    }

    private static JsonNode? ReadValue(InputField field, string type, JsonElement value, string name, List<FieldError> errors)
    {
        var before = errors.Count;
        switch (type)
        {
            case InputTypes.Id when ReadString(value) is { } id:
                errors.RequireId(id, name);
                return errors.Count == before ? JsonValue.Create(id) : null;
            case InputTypes.Text when ReadString(value) is { } text:
                errors.RequireText(text, name, field.MaxLength ?? RequestChecks.MaxTextLength);
                return errors.Count == before ? JsonValue.Create(text) : null;
            case InputTypes.WholeNumber when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer):
                errors.RequireRange(integer, name, field.Minimum ?? long.MinValue, field.Maximum ?? long.MaxValue);
                return errors.Count == before ? JsonValue.Create(integer) : null;
            case InputTypes.Amount when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount):
                errors.RequireAmount(amount, name);
                return errors.Count == before ? JsonNode.Parse(value.GetRawText()) : null;
            case InputTypes.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetBoolean());
            case InputTypes.Nested when value.ValueKind == JsonValueKind.Object:
                return ReadObject(field.Fields ?? [], value, name, errors);
            case InputTypes.Array when value.ValueKind == JsonValueKind.Array:
                return ReadArray(field, value, name, errors);
            default:
                errors.Add(new FieldError(name, $"The value of '{name}' has the wrong type or format."));
                return null;
        }
    }

    private static JsonArray? ReadArray(InputField field, JsonElement value, string name, List<FieldError> errors)
    {
        var entries = value.EnumerateArray().ToList();
        if (!errors.RequireList(entries, name, field.MaxItems ?? 100))
        {
            return null;
        }

        var array = new JsonArray();
        for (var i = 0; i < entries.Count; i++)
        {
            var entryName = string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");
            if (entries[i].ValueKind == JsonValueKind.Null)
            {
                errors.Add(new FieldError(entryName, $"'{entryName}' is required."));
                continue;
            }

            var entry = field.Fields is { } fields
                ? (entries[i].ValueKind == JsonValueKind.Object
                    ? ReadObject(fields, entries[i], entryName, errors)
                    : WrongType(entryName, errors))
                : ReadValue(field, field.Items ?? InputTypes.Text, entries[i], entryName, errors);
            array.Add(entry);
        }

        return array;
    }

    /// <summary>The string, or null when it is no string or not valid UTF-16 (a lone surrogate, as the C# binder refuses it).</summary>
    private static string? ReadString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonNode? WrongType(string name, List<FieldError> errors)
    {
        errors.Add(new FieldError(name, $"The value of '{name}' has the wrong type or format."));
        return null;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
