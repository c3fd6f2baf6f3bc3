using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// Log Analytics and a workspace-based Application Insights component, both with local (key) authentication
/// disabled, so telemetry is accepted only with an Entra token.
/// </summary>
public static class MonitoringCheck
{
    public static IReadOnlyList<string> Check(IEnumerable<BicepDocument> documents)
    {
        var list = documents.ToList();
        var problems = new List<string>();
        var workspaces = list.SelectMany(d => d.ModulesReferencing("avm/res/operational-insights/workspace:").Select(m => (d, m))).ToList();
        var components = list.SelectMany(d => d.ModulesReferencing("avm/res/insights/component:").Select(m => (d, m))).ToList();
        if (workspaces.Count == 0)
        {
            problems.Add("no Log Analytics workspace (avm/res/operational-insights/workspace) is declared.");
        }

        if (components.Count == 0)
        {
            problems.Add("no Application Insights component (avm/res/insights/component) is declared.");
        }

        foreach (var (document, workspace) in workspaces)
        {
            if (workspace.Settings?.Path("features", "disableLocalAuth")?.Text != "true")
            {
                problems.Add($"{document.Path}: workspace '{workspace.Symbol}' does not set features.disableLocalAuth: true.");
            }
        }

        foreach (var (document, component) in components)
        {
            if (component.Settings?.Property("disableLocalAuth")?.Text != "true")
            {
                problems.Add($"{document.Path}: Application Insights '{component.Symbol}' does not set disableLocalAuth: true.");
            }

            if (component.Settings?.Property("workspaceResourceId") is null)
            {
                problems.Add($"{document.Path}: Application Insights '{component.Symbol}' is not linked to a workspace (workspaceResourceId).");
            }
        }

        return problems;
    }
}
