using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// The expression syntax of definition bodies and outputs. A JSON string that is exactly one <c>${ref}</c> is replaced
/// by the referenced value whatever its type (<c>"${input.items}"</c> → the array, <c>"${input.amount}"</c> → the
/// number); any other string interpolates each <c>${ref}</c> as text (<c>"Order ${input.orderId} confirmed"</c>).
/// <c>$${</c> writes a literal <c>${</c>. A reference is a root — <c>input</c>, <c>steps.&lt;name&gt;</c>,
/// <c>result</c> (compensations), <c>key</c> (the step's idempotency key), <c>instanceId</c> — followed by
/// <c>.field</c> and <c>[index]</c> segments. A value that is not there at run time is null (whole value) or empty
/// text (interpolated). Objects, arrays and other JSON values are copied with their strings evaluated.
/// </summary>
public static class Templates
{
    /// <summary>Splits <paramref name="text"/> into literal and reference parts; null with <paramref name="error"/> when malformed.</summary>
    public static IReadOnlyList<TemplatePart>? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        error = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 2;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                literal.Append(text[i]);
                continue;
            }

            var end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                error = $"'${{' at character {i} has no closing '}}' (write '$${{' for a literal '${{').";
                return null;
            }

            var reference = ParseReference(text[(i + 2)..end], out error);
            if (reference is null)
            {
                return null;
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(literal.ToString(), null));
                literal.Clear();
            }

            parts.Add(new TemplatePart(null, reference));
            i = end;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null));
        }

        return parts;
    }

    /// <summary>
    /// Every string of <paramref name="template"/> with its JSON path (under <paramref name="path"/>), parsed: the
    /// validator checks each reference against the input schema and the steps before it.
    /// </summary>
    public static IEnumerable<(string Path, IReadOnlyList<TemplatePart>? Parts, string? Error)> Strings(JsonElement template, string path)
    {
        switch (template.ValueKind)
        {
            case JsonValueKind.String:
                var parts = Parse(template.GetString()!, out var error);
                yield return (path, parts, error);
                break;
            case JsonValueKind.Object:
                foreach (var property in template.EnumerateObject())
                {
                    foreach (var item in Strings(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var element in template.EnumerateArray())
                {
                    foreach (var item in Strings(element, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")))
                    {
                        yield return item;
                    }
                }

                break;
        }
    }

    /// <summary>Evaluates <paramref name="template"/> against <paramref name="scope"/> (templates are validated when loaded).</summary>
    public static JsonElement Evaluate(JsonElement template, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return JsonSerializer.SerializeToElement(EvaluateNode(template, scope));
    }

    private static JsonNode? EvaluateNode(JsonElement template, TemplateScope scope)
    {
        switch (template.ValueKind)
        {
            case JsonValueKind.String:
                var parts = Parse(template.GetString()!, out var error)
                    ?? throw new InvalidOperationException($"Template '{template.GetString()}' is malformed: {error}");
                if (parts is [{ Reference: { } whole }])
                {
                    return Resolve(whole, scope) is { } value ? JsonNode.Parse(value.GetRawText()) : null;
                }

                var text = new StringBuilder();
                foreach (var part in parts)
                {
                    text.Append(part.Literal ?? AsText(Resolve(part.Reference!, scope)));
                }

                return JsonValue.Create(text.ToString());
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in template.EnumerateObject())
                {
                    obj[property.Name] = EvaluateNode(property.Value, scope);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var element in template.EnumerateArray())
                {
                    array.Add(EvaluateNode(element, scope));
                }

                return array;
            default:
                return JsonNode.Parse(template.GetRawText());
        }
    }

    /// <summary>The referenced value, or null when it is not there.</summary>
    public static JsonElement? Resolve(TemplateReference reference, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(scope);
        JsonElement? current;
        var path = reference.Path;
        switch (reference.Root)
        {
            case TemplateReference.InputRoot:
                current = scope.Input;
                break;
            case TemplateReference.StepsRoot:
                current = reference.StepName is { } step && scope.Steps.TryGetValue(step, out var result) ? result : null;
                path = [.. path.Skip(1)];
                break;
            case TemplateReference.ResultRoot:
                current = scope.Result;
                break;
            case TemplateReference.KeyRoot:
                current = scope.Key is null ? null : JsonSerializer.SerializeToElement(scope.Key);
                break;
            case TemplateReference.InstanceIdRoot:
                current = JsonSerializer.SerializeToElement(scope.InstanceId);
                break;
            default:
                return null;
        }

        foreach (var segment in path)
        {
            if (current is not { } value)
            {
                return null;
            }

            current = segment switch
            {
                string name when value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var child) => child,
                int index when value.ValueKind == JsonValueKind.Array && index < value.GetArrayLength() => value[index],
                _ => null,
            };
        }

        return current is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : current;
    }

    private static string AsText(JsonElement? value) => value switch
    {
        null => string.Empty,
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        { } other => other.GetRawText(),
    };

    private static TemplateReference? ParseReference(string text, out string? error)
    {
        error = null;
        var path = new List<object>();
        var i = 0;
        var root = ReadName(text, ref i);
        if (root is null || !TemplateReference.Roots.Contains(root, StringComparer.Ordinal))
        {
            error = $"'${{{text}}}' must start with one of {string.Join(", ", TemplateReference.Roots)}.";
            return null;
        }

        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                var name = ReadName(text, ref i);
                if (name is null)
                {
                    error = $"'${{{text}}}' has an empty or malformed field name at character {i}.";
                    return null;
                }

                path.Add(name);
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = $"'${{{text}}}' has a malformed index at character {i} (use [0], [1], …).";
                    return null;
                }

                path.Add(index);
                i = close + 1;
            }
            else
            {
                error = $"'${{{text}}}' has an unexpected '{text[i]}' at character {i}.";
                return null;
            }
        }

        if (root == TemplateReference.StepsRoot && (path.Count == 0 || path[0] is not string))
        {
            error = $"'${{{text}}}' must name a step: steps.<name>.";
            return null;
        }

        if (root is TemplateReference.KeyRoot or TemplateReference.InstanceIdRoot && path.Count > 0)
        {
            error = $"'${{{text}}}': {root} is a string and has no fields.";
            return null;
        }

        return new TemplateReference(text, root, path);
    }

    private static string? ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
        {
            i++;
        }

        return i > start ? text[start..i] : null;
    }
}
