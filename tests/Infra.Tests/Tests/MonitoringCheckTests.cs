using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class MonitoringCheckTests
{
    private const string Monitoring = """
        module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
          name: 'logAnalytics'
          params: {
            name: 'log-sagas'
            features: {
              disableLocalAuth: true
            }
          }
        }

        module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
          name: 'appInsights'
          params: {
            name: 'appi-sagas'
            workspaceResourceId: logAnalytics.outputs.resourceId
            disableLocalAuth: true
          }
        }
        """;

    private static IReadOnlyList<string> Check(string bicep) => MonitoringCheck.Check([Snippet.Doc(bicep)]);

    [Fact]
    public void Check_RepositoryMonitoring_HasLocalAuthDisabled() =>
        Snippet.NoProblems(MonitoringCheck.Check(InfraFiles.Repository.Bicep));

    [Fact]
    public void Check_CorrectSnippet_NoProblems() => Snippet.NoProblems(Check(Monitoring));

    [Fact]
    public void Check_AppInsightsLocalAuthEnabled_ReportsIt()
    {
        var bicep = Snippet.Break(Monitoring, "    disableLocalAuth: true\n  }\n}", "    disableLocalAuth: false\n  }\n}");

        Snippet.HasProblem(Check(bicep), "Application Insights 'appInsights' does not set disableLocalAuth: true");
    }

    [Fact]
    public void Check_WorkspaceLocalAuthNotDisabled_ReportsIt()
    {
        var bicep = Snippet.Break(Monitoring, "features: {\n      disableLocalAuth: true\n    }", "dataRetention: 30");

        Snippet.HasProblem(Check(bicep), "workspace 'logAnalytics' does not set features.disableLocalAuth: true");
    }

    [Fact]
    public void Check_ComponentNotLinkedToWorkspace_ReportsIt()
    {
        var bicep = Snippet.Break(Monitoring, "workspaceResourceId: logAnalytics.outputs.resourceId", string.Empty);

        Snippet.HasProblem(Check(bicep), "is not linked to a workspace");
    }

    [Fact]
    public void Check_NoMonitoringAtAll_ReportsBoth()
    {
        var problems = Check("var nothing = 1");

        Snippet.HasProblem(problems, "no Log Analytics workspace");
        Snippet.HasProblem(problems, "no Application Insights component");
    }
}
