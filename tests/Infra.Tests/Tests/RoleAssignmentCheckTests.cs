using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class RoleAssignmentCheckTests
{
    private const string Rbac = """
        param principalId string

        var blobOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
        var queueContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
        var tableContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
        var metricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

        resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
          for roleId in [blobOwner, queueContributor, tableContributor]: {
            name: guid(principalId, roleId)
            properties: {
              roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
              principalId: principalId
            }
          }
        ]

        resource metrics 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
          name: guid(principalId, metricsPublisher)
          properties: {
            roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisher)
            principalId: principalId
          }
        }
        """;

    private static IReadOnlyList<string> Check(string bicep) =>
        RoleAssignmentCheck.Check([Snippet.Doc(bicep)], RoleAssignmentCheck.RequiredRoles);

    [Fact]
    public void Check_RepositoryRbac_AssignsAllFourRoles() =>
        Snippet.NoProblems(RoleAssignmentCheck.Check(InfraFiles.Repository.Bicep, RoleAssignmentCheck.RequiredRoles));

    [Fact]
    public void Check_CorrectSnippet_NoProblems() => Snippet.NoProblems(Check(Rbac));

    [Fact]
    public void Check_RoleIdMissing_ReportsRoleByName()
    {
        var bicep = Snippet.Break(Rbac, "'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", "'00000000-0000-0000-0000-000000000000'");

        Snippet.HasProblem(Check(bicep), "role 'Storage Queue Data Contributor' (974c5e8b-45b9-4653-ba55-5f855dd0fb88) is not assigned");
    }

    [Fact]
    public void Check_RoleIdOnlyInComment_ReportsIt()
    {
        var bicep = Snippet.Break(Rbac, "var tableContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'",
            "var tableContributor = 'x' // was '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'");

        Snippet.HasProblem(Check(bicep), "role 'Storage Table Data Contributor'");
    }

    [Fact]
    public void Check_RoleIdVarNeverUsed_ReportsIt()
    {
        var bicep = Snippet.Break(Rbac, "[blobOwner, queueContributor, tableContributor]", "[blobOwner, queueContributor]");

        Snippet.HasProblem(Check(bicep), "var 'tableContributor' holds role 'Storage Table Data Contributor' but is never used");
    }

    [Fact]
    public void Check_RoleIdInFileWithoutRoleAssignments_ReportsIt()
    {
        var idsOnly = "var metricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'\noutput id string = metricsPublisher";

        Snippet.HasProblem(Check(idsOnly), "role 'Monitoring Metrics Publisher'");
    }

    [Fact]
    public void Check_AssignmentWithoutPrincipal_ReportsIt()
    {
        var bicep = Snippet.Break(Rbac, "    principalId: principalId\n  }\n}", "  }\n}");

        Snippet.HasProblem(Check(bicep), "role assignment 'metrics' has no principalId");
    }
}
