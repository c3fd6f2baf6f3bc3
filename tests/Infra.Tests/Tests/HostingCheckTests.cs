using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class HostingCheckTests
{
    private const string Participants = """
        param dataDirectory string = '/home/data/participants'

        module webApp 'br/public:avm/res/web/site:0.15.1' = {
          name: 'participants'
          params: {
            kind: 'app,linux'
            name: 'app-participants'
            serverFarmResourceId: planId
            httpsOnly: true
            siteConfig: {
              linuxFxVersion: 'DOTNETCORE|10.0'
            }
            appSettingsKeyValuePairs: {
              WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'
              Participants__DataDirectory: dataDirectory
            }
          }
        }

        output url string = 'https://${webApp.outputs.defaultHostname}'
        """;

    private static IReadOnlyList<string> CheckFunction(string bicep) => HostingCheck.CheckFunctionApp([Snippet.Doc(bicep)]);

    private static IReadOnlyList<string> CheckParticipants(string bicep) => HostingCheck.CheckParticipantsApp([Snippet.Doc(bicep)]);

    [Fact]
    public void CheckFunctionApp_Repository_IsFlexConsumptionDotnetIsolated10() =>
        Snippet.NoProblems(HostingCheck.CheckFunctionApp(InfraFiles.Repository.Bicep));

    [Fact]
    public void CheckParticipantsApp_Repository_IsLinuxDotnet10HttpsWithPersistentData() =>
        Snippet.NoProblems(HostingCheck.CheckParticipantsApp(InfraFiles.Repository.Bicep));

    [Fact]
    public void CheckFunctionApp_CorrectSnippet_NoProblems() => Snippet.NoProblems(CheckFunction(FunctionAppSnippet.Text));

    [Fact]
    public void CheckFunctionApp_ConsumptionPlanInsteadOfFlex_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "name: 'FC1'", "name: 'Y1'");

        Snippet.HasProblem(CheckFunction(bicep), "no App Service plan with sku name 'FC1'");
    }

    [Fact]
    public void CheckFunctionApp_FlexPlanWithWrongTierOrWindows_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "tier: 'FlexConsumption'", "tier: 'Dynamic'");
        bicep = Snippet.Break(bicep, "reserved: true", "reserved: false");

        var problems = CheckFunction(bicep);

        Snippet.HasProblem(problems, "its tier is not 'FlexConsumption'");
        Snippet.HasProblem(problems, "not reserved: true");
    }

    [Theory]
    [InlineData("name: 'dotnet-isolated'", "name: 'dotnet'", "functionAppConfig.runtime.name is 'dotnet'")]
    [InlineData("version: '10.0'", "version: '8.0'", "functionAppConfig.runtime.version is '8.0'")]
    [InlineData("type: 'blobContainer'", "type: 'fileShare'", "functionAppConfig.deployment.storage.type")]
    [InlineData("type: 'UserAssignedIdentity'", "type: 'StorageAccountConnectionString'", "authentication.type is 'StorageAccountConnectionString'")]
    [InlineData("kind: 'functionapp,linux'", "kind: 'functionapp'", "not 'functionapp,linux'")]
    [InlineData("httpsOnly: true", "httpsOnly: false", "sets httpsOnly: false")]
    [InlineData("userAssignedResourceIds: [\n        identityId\n      ]", "userAssignedResourceIds: []", "assigns no user-assigned identity")]
    public void CheckFunctionApp_WrongSetting_ReportsIt(string good, string bad, string expected) =>
        Snippet.HasProblem(CheckFunction(Snippet.Break(FunctionAppSnippet.Text, good, bad)), expected);

    [Fact]
    public void CheckFunctionApp_RuntimeVersionComputed_ReportsItAsMissingOrComputed()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "version: '10.0'", "version: runtimeVersion");

        Snippet.HasProblem(CheckFunction(bicep), "functionAppConfig.runtime.version is missing or computed");
    }

    [Fact]
    public void CheckParticipantsApp_CorrectSnippet_NoProblems() => Snippet.NoProblems(CheckParticipants(Participants));

    [Theory]
    [InlineData("linuxFxVersion: 'DOTNETCORE|10.0'", "linuxFxVersion: 'DOTNETCORE|8.0'", "linuxFxVersion is 'DOTNETCORE|8.0'")]
    [InlineData("httpsOnly: true", "httpsOnly: false", "does not set httpsOnly: true")]
    [InlineData("WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'", "WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'", "WEBSITES_ENABLE_APP_SERVICE_STORAGE is 'false'")]
    [InlineData("'/home/data/participants'", "'/tmp/participants'", "Participants__DataDirectory is '/tmp/participants'")]
    [InlineData("kind: 'app,linux'", "kind: 'app'", "not 'app,linux'")]
    [InlineData("output url string = 'https://", "output url string = 'http://", "no 'url' output starting with 'https://'")]
    public void CheckParticipantsApp_WrongSetting_ReportsIt(string good, string bad, string expected) =>
        Snippet.HasProblem(CheckParticipants(Snippet.Break(Participants, good, bad)), expected);

    [Fact]
    public void CheckParticipantsApp_NoWebApp_ReportsIt() =>
        Snippet.HasProblem(CheckParticipants(FunctionAppSnippet.Text), "no web app");
}
