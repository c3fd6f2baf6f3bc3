using System.Text.Json;
using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests.Arm;

/// <summary>Small facts about ARM template expressions (<c>"[...]"</c> strings) and about JSON text as a whole.</summary>
public static partial class ArmExpression
{
    /// <summary>True for an ARM expression: a string in square brackets that does not start with <c>[[</c> (an escape).</summary>
    public static bool IsExpression(string? value) =>
        value is not null && value.Length >= 2 && value[0] == '[' && value[^1] == ']' && !value.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>A pattern for an expression that is exactly one output of one module of the top-level template, as
    /// Bicep compiles <c>module.outputs.name</c> for a module scoped to a resource group.</summary>
    public static string ModuleOutput(string module, string output) =>
        $@"^\[reference\(extensionResourceId\(.*'Microsoft\.Resources/deployments', '{Regex.Escape(module)}'\), '[0-9-]+'\)\.outputs\.{Regex.Escape(output)}\.value\]$";

    /// <summary>Every string in an element, property names included, depth first.</summary>
    public static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString() ?? string.Empty;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var inner in Strings(property.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in Strings(item))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The GUID literals an expression reaches: those written in it and those in the variables it names, followed
    /// through variables that name other variables (how Bicep compiles a role id held in a var or an array of vars).
    /// </summary>
    public static IReadOnlySet<string> ReachableGuids(string expression, IReadOnlyDictionary<string, JsonElement> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        var guids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([expression]);
        while (pending.TryDequeue(out var text))
        {
            foreach (Match guid in GuidRegex().Matches(text))
            {
                guids.Add(guid.Value);
            }

            foreach (Match reference in VariableRegex().Matches(text))
            {
                var name = reference.Groups[1].Value;
                if (seen.Add(name) && variables.TryGetValue(name, out var value))
                {
                    foreach (var inner in Strings(value))
                    {
                        pending.Enqueue(inner);
                    }
                }
            }
        }

        return guids;
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidRegex();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableRegex();
}
