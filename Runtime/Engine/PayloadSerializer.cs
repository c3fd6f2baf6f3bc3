using System.Text;
using System.Text.Json;

namespace SagaFunctions.Runtime.Engine;

/// <summary>System.Text.Json with the runtime's options and the payload size limit; errors name what failed.</summary>
internal sealed class PayloadSerializer
{
    private readonly int _maxBytes;

    public PayloadSerializer(JsonSerializerOptions options, int maxBytes)
    {
        Options = options;
        _maxBytes = maxBytes;
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>Serializes by the value's runtime type; null stays null.</summary>
    public string? Serialize(object? value, string what, string name)
    {
        if (value is null)
        {
            return null;
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(value, value.GetType(), Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PayloadSerializationException($"The {what} '{name}' ({value.GetType().FullName}) cannot be serialized to JSON: {ex.Message}", ex);
        }

        CheckSize(json, what, name);
        return json;
    }

    public string? Serialize<T>(T value, string what, string name)
    {
        if (value is null)
        {
            return null;
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(value, Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PayloadSerializationException($"The {what} '{name}' ({typeof(T).FullName}) cannot be serialized to JSON: {ex.Message}", ex);
        }

        CheckSize(json, what, name);
        return json;
    }

    public T? Deserialize<T>(string? json, string what, string name)
    {
        if (json is null)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PayloadSerializationException($"The {what} '{name}' cannot be read as {typeof(T).FullName}: {ex.Message}", ex);
        }
    }

    public object? Deserialize(string? json, Type type, string what, string name)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type, Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PayloadSerializationException($"The {what} '{name}' cannot be read as {type.FullName}: {ex.Message}", ex);
        }
    }

    /// <summary>Throws <see cref="PayloadTooLargeException"/> when the UTF-8 size of <paramref name="json"/> is over the limit.</summary>
    public void CheckSize(string? json, string what, string name)
    {
        if (json is null || (long)json.Length * 3 <= _maxBytes)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > _maxBytes)
        {
            throw new PayloadTooLargeException($"{what} '{name}'", bytes, _maxBytes);
        }
    }
}
