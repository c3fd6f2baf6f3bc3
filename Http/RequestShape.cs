using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// Compares a JSON body with the request type it should bind to, nested objects and arrays included: fields the type does
/// not have, and required numbers the body lacks (a missing number would bind as 0). Names match case-insensitively, as
/// the binder reads them.
/// </summary>
public static class RequestShape
{
    /// <summary>One error per field of <paramref name="body"/> that <paramref name="type"/> does not have, by JSON path.</summary>
    public static List<FieldError> UnknownFields(JsonElement body, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var errors = new List<FieldError>();
        Walk(body, type, string.Empty, (path, element, t) =>
        {
            var known = Properties(t);
            foreach (var property in element.EnumerateObject())
            {
                if (!known.ContainsKey(property.Name))
                {
                    var field = Join(path, property.Name);
                    var names = known.Values.Select(p => p.JsonName).Distinct(StringComparer.Ordinal).ToList();
                    var guess = names.MinBy(n => Distance(n, property.Name));
                    var hint = guess is not null && Distance(guess, property.Name) <= 2 ? $" Did you mean '{guess}'?" : string.Empty;
                    errors.Add(new FieldError(field, $"'{field}' is not a field of this request.{hint} Fields: {string.Join(", ", names)}."));
                }
            }
        });
        return errors;
    }

    /// <summary>The JSON paths of required number parameters (non-nullable, no default) that the body lacks.</summary>
    public static HashSet<string> MissingNumbers(JsonElement body, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        Walk(body, type, string.Empty, (path, element, t) =>
        {
            var present = element.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var constructor = t.GetConstructors().MaxBy(c => c.GetParameters().Length);
            foreach (var parameter in constructor?.GetParameters() ?? [])
            {
                if ((parameter.ParameterType.IsPrimitive || parameter.ParameterType == typeof(decimal)) && !parameter.HasDefaultValue)
                {
                    var name = JsonName(parameter.Name!);
                    if (!present.Contains(name))
                    {
                        missing.Add(Join(path, name));
                    }
                }
            }
        });
        return missing;
    }

    /// <summary>Calls <paramref name="visit"/> for every JSON object in <paramref name="element"/> that binds to a complex type.</summary>
    private static void Walk(JsonElement element, Type type, string path, Action<string, JsonElement, Type> visit)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsLeaf(type))
        {
            return;
        }

        if (ElementType(type) is { } itemType)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, itemType, $"{path}[{i++}]", visit);
                }
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object || typeof(IDictionary).IsAssignableFrom(type) || IsGenericDictionary(type))
        {
            return;
        }

        visit(path, element, type);
        var properties = Properties(type);
        foreach (var property in element.EnumerateObject())
        {
            if (properties.TryGetValue(property.Name, out var known))
            {
                Walk(property.Value, known.Type, Join(path, known.JsonName), visit);
            }
        }
    }

    private static Dictionary<string, (string JsonName, Type Type)> Properties(Type type)
    {
        var result = new Dictionary<string, (string, Type)>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonName(property.Name);
            result.TryAdd(name, (name, property.PropertyType));
        }

        return result;
    }

    private static string JsonName(string clrName) => SagaHttpJson.Options.PropertyNamingPolicy?.ConvertName(clrName) ?? clrName;

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(object)
        || type == typeof(JsonElement) || type == typeof(Uri) || type.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true;

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || IsGenericDictionary(type))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool IsGenericDictionary(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Levenshtein distance, case-insensitive: for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
