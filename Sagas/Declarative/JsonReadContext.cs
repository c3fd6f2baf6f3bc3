using System.Globalization;
using System.Text.Json;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>Reads typed values out of a definition's JSON, recording a <see cref="DefinitionError"/> (file + JSON path) for each misfit.</summary>
internal sealed class JsonReadContext(string file)
{
    public string File { get; } = file;

    public List<DefinitionError> Errors { get; } = [];

    public void Error(string path, string message) => Errors.Add(new DefinitionError(File, path, message));

    /// <summary>Refuses properties of <paramref name="element"/> not in <paramref name="known"/> (typos would be ignored otherwise).</summary>
    public void OnlyKnown(JsonElement element, string path, params string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(Child(path, property.Name), $"unknown property '{property.Name}' (expected one of: {string.Join(", ", known)}).");
            }
        }
    }

    public bool IsObject(JsonElement? element, string path)
    {
        if (element is { ValueKind: JsonValueKind.Object })
        {
            return true;
        }

        Error(path, element is null ? "is required (an object)." : $"must be an object, not {Kind(element.Value)}.");
        return false;
    }

    public string? RequiredString(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString()))
        {
            return s.GetString();
        }

        Error(Child(path, name), value is null ? "is required (a non-empty string)." : $"must be a non-empty string, not {Kind(value.Value)}.");
        return null;
    }

    public string? OptionalString(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        if (value is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString()))
        {
            return s.GetString();
        }

        Error(Child(path, name), $"must be a non-empty string, not {Kind(value.Value)}.");
        return null;
    }

    public bool? OptionalBool(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.Value.GetBoolean();
        }

        Error(Child(path, name), $"must be true or false, not {Kind(value.Value)}.");
        return null;
    }

    public long? OptionalInteger(JsonElement parent, string name, string path, long min, long max) =>
        OptionalNumeric<long>(parent, name, path, v => v.TryGetInt64(out var n) && n >= min && n <= max ? n : null, string.Create(CultureInfo.InvariantCulture, $"a whole number between {min} and {max}"));

    public double? OptionalNumber(JsonElement parent, string name, string path, double min, double max) =>
        OptionalNumeric<double>(parent, name, path, v => v.TryGetDouble(out var n) && n >= min && n <= max ? n : null, string.Create(CultureInfo.InvariantCulture, $"a number between {min} and {max}"));

    /// <summary>The number <paramref name="read"/> accepts, null when absent; an error saying it must be <paramref name="expected"/> otherwise.</summary>
    private T? OptionalNumeric<T>(JsonElement parent, string name, string path, Func<JsonElement, T?> read, string expected)
        where T : struct
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && read(value) is { } number)
        {
            return number;
        }

        Error(Child(path, name), $"must be {expected}, not {value.GetRawText()}.");
        return null;
    }

    public static JsonElement? Optional(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : null;

    public static string Child(string path, string name) => $"{path}.{name}";

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
