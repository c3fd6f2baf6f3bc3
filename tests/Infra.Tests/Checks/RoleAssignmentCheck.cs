using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// Each required built-in role is assigned: its role definition id appears (outside comments) in a file that
/// declares role assignments, and a var holding it is used. Every role assignment names a role definition and a
/// principal.
/// </summary>
public static class RoleAssignmentCheck
{
    /// <summary>Built-in role definition ids (as in AVM's builtInRoleNames tables) the app identity needs.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredRoles = new Dictionary<string, string>
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
    };

    public static IReadOnlyList<string> Check(IEnumerable<BicepDocument> documents, IReadOnlyDictionary<string, string> requiredRoles)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(requiredRoles);
        var problems = new List<string>();
        var assigning = documents
            .Select(d => (Document: d, Assignments: d.Resources
                .Where(r => !r.IsExisting && r.Reference.StartsWith("Microsoft.Authorization/roleAssignments@", StringComparison.OrdinalIgnoreCase))
                .ToList()))
            .Where(x => x.Assignments.Count > 0)
            .ToList();

        foreach (var (document, assignments) in assigning)
        {
            foreach (var assignment in assignments)
            {
                var properties = assignment.Settings;
                if (properties?.Property("roleDefinitionId")?.Text.Contains("Microsoft.Authorization/roleDefinitions", StringComparison.Ordinal) != true)
                {
                    problems.Add($"{document.Path}: role assignment '{assignment.Symbol}' has no roleDefinitionId built from Microsoft.Authorization/roleDefinitions.");
                }

                if (properties?.Property("principalId") is null)
                {
                    problems.Add($"{document.Path}: role assignment '{assignment.Symbol}' has no principalId.");
                }
            }
        }

        foreach (var (role, id) in requiredRoles)
        {
            var holders = assigning.Where(x => x.Document.Code.Contains($"'{id}'", StringComparison.OrdinalIgnoreCase)).ToList();
            if (holders.Count == 0)
            {
                problems.Add($"role '{role}' ({id}) is not assigned: no file with role assignments mentions its id.");
                continue;
            }

            foreach (var (document, _) in holders)
            {
                var variable = Regex.Match(document.Code, $@"^[ \t]*var[ \t]+(\w+)[ \t]*=[ \t]*'{id}'", RegexOptions.Multiline | RegexOptions.IgnoreCase);
                if (variable.Success
                    && Regex.Count(document.Code, $@"\b{variable.Groups[1].Value}\b") < 2)
                {
                    problems.Add($"{document.Path}: var '{variable.Groups[1].Value}' holds role '{role}' but is never used.");
                }
            }
        }

        return problems;
    }
}
