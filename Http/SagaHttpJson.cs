using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaFunctions.Http;

/// <summary>The JSON settings of the HTTP contract: camelCase names in and out; enum values as snake_case strings
/// (<c>retry_failed</c>), the casing of the outcome strings, so every enum value the API writes has one casing.</summary>
public static class SagaHttpJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary><see cref="Options"/>, indented: the saga view, which people read in a terminal.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Parses stored JSON (input, output, custom status) for embedding in a response; null stays null.</summary>
    public static JsonElement? ParseOrNull(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (a plain string written by an engine): return it as a JSON string rather than failing the view.
            return JsonSerializer.SerializeToElement(json, Options);
        }
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,

            // Web defaults read numbers from strings ("amount": "10"); the contract wants a 400 naming the field instead.
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
