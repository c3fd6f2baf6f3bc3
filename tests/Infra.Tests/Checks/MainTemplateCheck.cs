using System.Text.Json;
using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// The azd shape of main.bicep: subscription scope, a resource group, a <c>resourceToken</c> from
/// <c>uniqueString(...)</c>, the <c>azd-env-name</c> tag, every module scoped into the resource group, every
/// abbreviation it uses defined in abbreviations.json, and the outputs callers rely on.
/// </summary>
public static partial class MainTemplateCheck
{
    public static readonly IReadOnlyList<string> RequiredOutputs =
        ["AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL", "PARTICIPANTS_URL"];

    public static IReadOnlyList<string> Check(BicepDocument main, string abbreviationsJson)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(abbreviationsJson);
        var problems = new List<string>();
        if (main.TargetScope != "subscription")
        {
            problems.Add($"{main.Path}: targetScope is '{main.TargetScope}', expected 'subscription'.");
        }

        if (!main.Resources.Any(r => !r.IsExisting && r.Reference.StartsWith("Microsoft.Resources/resourceGroups@", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{main.Path}: no resource group is created.");
        }

        if (main.Var("resourceToken")?.Text.Contains("uniqueString(", StringComparison.Ordinal) != true)
        {
            problems.Add($"{main.Path}: var resourceToken is missing or not built with uniqueString(...).");
        }

        if (main.Var("tags")?.Text.Contains("'azd-env-name'", StringComparison.Ordinal) != true)
        {
            problems.Add($"{main.Path}: var tags is missing or lacks the 'azd-env-name' tag.");
        }

        foreach (var module in main.Modules.Where(m => m.Body?.Property("scope") is null))
        {
            problems.Add($"{main.Path}: module '{module.Symbol}' has no scope; at subscription scope it must target the resource group.");
        }

        var defined = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(abbreviationsJson);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                defined.Add(property.Name);
            }
        }
        catch (JsonException e)
        {
            problems.Add($"abbreviations.json is not valid JSON: {e.Message}");
        }

        foreach (var key in AbbreviationRegex().Matches(main.Code).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            if (!defined.Contains(key))
            {
                problems.Add($"{main.Path}: abbrs.{key} is used but not defined in abbreviations.json.");
            }
        }

        foreach (var output in RequiredOutputs.Where(o => !main.Outputs.Any(x => x.Name == o)))
        {
            problems.Add($"{main.Path}: output '{output}' is missing.");
        }

        return problems;
    }

    [GeneratedRegex(@"\babbrs\.(\w+)")]
    private static partial Regex AbbreviationRegex();
}
