using System.Text.Json;
using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>Log Analytics and workspace-based Application Insights, both with local (key) authentication disabled.</summary>
public class MonitoringTests
{
    [Fact]
    public void Workspace_LocalAuth_IsDisabled()
    {
        var workspace = CompiledInfra.One("Microsoft.OperationalInsights/workspaces");

        Assert.Equal(JsonValueKind.True, workspace.Property("properties", "features", "disableLocalAuth")?.ValueKind);
        Assert.Equal("PerGB2018", workspace.Text("properties", "sku", "name"));
        Assert.Equal(30, workspace.Template.ParameterDefault("retentionInDays")?.GetInt32());
    }

    [Fact]
    public void ApplicationInsights_Component_WorkspaceBasedWithLocalAuthDisabled()
    {
        var component = CompiledInfra.One("Microsoft.Insights/components");
        var workspace = CompiledInfra.One("Microsoft.OperationalInsights/workspaces");

        Assert.Equal(JsonValueKind.True, component.Property("properties", "DisableLocalAuth")?.ValueKind);
        Assert.Equal("web", component.Text("properties", "Application_Type"));
        Assert.Equal("LogAnalytics", component.Text("properties", "IngestionMode"));
        Assert.Same(workspace.Template, component.Template);
        Assert.Equal($"[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", component.Text("properties", "WorkspaceResourceId"));
    }

    [Fact]
    public void ApplicationInsights_FunctionApp_ReadsTheDeployedComponent()
    {
        var api = CompiledInfra.Main.Module("api");
        var rbac = CompiledInfra.Main.Module("rbac");

        Assert.Matches(ArmExpression.ModuleOutput("monitoring", "applicationInsightsName"), api.PassedParameter("applicationInsightsName")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("monitoring", "applicationInsightsName"), rbac.PassedParameter("appInsightsName")?.GetString());
    }
}
