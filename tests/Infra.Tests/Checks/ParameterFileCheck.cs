using System.Text.Json;
using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// main.parameters.json and main.bicep agree: every parameter in the file is declared in the template, every
/// template parameter without a default (and not nullable) is supplied, and every entry has a value or reference.
/// </summary>
public static class ParameterFileCheck
{
    public static IReadOnlyList<string> Check(BicepDocument template, string parametersJson)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parametersJson);
        var problems = new List<string>();
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(parametersJson);
        }
        catch (JsonException e)
        {
            return [$"parameters file is not valid JSON: {e.Message}"];
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("parameters", out var parameters)
                || parameters.ValueKind != JsonValueKind.Object)
            {
                return ["parameters file has no \"parameters\" object."];
            }

            var supplied = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in parameters.EnumerateObject())
            {
                supplied.Add(entry.Name);
                if (template.Parameter(entry.Name) is null)
                {
                    problems.Add($"parameters file supplies '{entry.Name}', which {template.Path} does not declare.");
                }

                if (entry.Value.ValueKind != JsonValueKind.Object
                    || !(entry.Value.TryGetProperty("value", out _) || entry.Value.TryGetProperty("reference", out _)))
                {
                    problems.Add($"parameters file entry '{entry.Name}' has neither \"value\" nor \"reference\".");
                }
            }

            foreach (var parameter in template.Parameters.Where(p => p.IsRequired && !supplied.Contains(p.Name)))
            {
                problems.Add($"{template.Path}: required parameter '{parameter.Name}' (no default) is not supplied by the parameters file.");
            }
        }

        return problems;
    }
}
