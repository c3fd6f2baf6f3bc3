using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>The data-plane roles the app's identity needs, by built-in role definition id, on the right scopes.</summary>
public class RoleAssignmentTests
{
    /// <summary>Built-in role definition ids (az role definition list --name '&lt;role&gt;' --query [].name).</summary>
    public static readonly IReadOnlyDictionary<string, string> StorageRoles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
    };

    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static IReadOnlyList<ArmResource> Assignments => CompiledInfra.Main.OfType("Microsoft.Authorization/roleAssignments");

    /// <summary>The role ids an assignment grants: the GUIDs its roleDefinitionId reaches through the template's variables.</summary>
    private static IReadOnlySet<string> RoleIds(ArmResource assignment)
    {
        var roleDefinitionId = assignment.Text("properties", "roleDefinitionId") ?? string.Empty;
        Assert.Contains("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", roleDefinitionId, StringComparison.Ordinal);
        return ArmExpression.ReachableGuids(roleDefinitionId, assignment.Template.Variables);
    }

    private static IReadOnlyList<ArmResource> ForAppIdentity =>
        Assignments.Where(a => a.Text("properties", "principalId") == "[parameters('managedIdentityPrincipalId')]").ToList();

    [Fact]
    public void AppIdentity_StorageAccount_GetsBlobOwnerQueueAndTableContributor()
    {
        var onStorage = ForAppIdentity
            .Where(a => a.Text("scope") == "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]")
            .SelectMany(RoleIds)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var (role, id) in StorageRoles)
        {
            Assert.True(onStorage.Contains(id), $"The app identity lacks {role} ({id}) on the storage account.");
        }
    }

    [Fact]
    public void AppIdentity_ApplicationInsights_GetsMonitoringMetricsPublisher()
    {
        var onInsights = ForAppIdentity
            .Where(a => a.Text("scope") == "[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]")
            .SelectMany(RoleIds);

        Assert.Contains(MonitoringMetricsPublisher, onInsights, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppIdentity_Assignments_AreForAServicePrincipal()
    {
        Assert.NotEmpty(ForAppIdentity);
        Assert.All(ForAppIdentity, a => Assert.Equal("ServicePrincipal", a.Text("properties", "principalType")));
    }

    [Fact]
    public void AppIdentity_PrincipalId_IsTheUserAssignedIdentityOfTheFunctionApp()
    {
        var rbac = CompiledInfra.Main.Module("rbac");
        var api = CompiledInfra.Main.Module("api");

        Assert.Matches(ArmExpression.ModuleOutput("appIdentity", "principalId"), rbac.PassedParameter("managedIdentityPrincipalId")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("appIdentity", "resourceId"), api.PassedParameter("identityId")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("appIdentity", "clientId"), api.PassedParameter("identityClientId")?.GetString());
    }

    [Fact]
    public void DeployingUser_Assignments_SameRolesOnlyWhenPrincipalIdIsSet()
    {
        var forUser = Assignments.Where(a => a.Text("properties", "principalId") == "[parameters('userPrincipalId')]").ToList();

        Assert.Equal(
            StorageRoles.Values.Append(MonitoringMetricsPublisher).Order(StringComparer.Ordinal),
            forUser.SelectMany(RoleIds).Order(StringComparer.Ordinal));
        Assert.All(forUser, a => Assert.Equal("[variables('assignUser')]", a.Text("condition")));
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", forUser[0].Template.Variables["assignUser"].GetString());
    }

    [Fact]
    public void Assignments_Names_AreDeterministicGuids()
    {
        // guid(scope, principal, role): redeploying updates the same assignment instead of failing with a conflict.
        Assert.All(Assignments, a => Assert.StartsWith("[guid(", a.Name, StringComparison.Ordinal));
    }
}
