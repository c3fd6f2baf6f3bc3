using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class MainTemplateCheckTests
{
    private const string Abbreviations = """{ "resourcesResourceGroups": "rg-", "webSitesFunctions": "func-" }""";

    private const string Main = """
        targetScope = 'subscription'

        param environmentName string
        param location string

        var abbrs = loadJsonContent('./abbreviations.json')
        var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
        var tags = { 'azd-env-name': environmentName }

        resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
          name: '${abbrs.resourcesResourceGroups}${environmentName}'
          location: location
          tags: tags
        }

        module api './app/api.bicep' = {
          name: 'api'
          scope: rg
          params: {
            name: '${abbrs.webSitesFunctions}${resourceToken}'
          }
        }

        output AZURE_FUNCTION_APP_NAME string = api.outputs.name
        output AZURE_FUNCTION_APP_URL string = api.outputs.url
        output PARTICIPANTS_URL string = participants.outputs.url
        """;

    private static IReadOnlyList<string> Check(string bicep, string abbreviations = Abbreviations) =>
        MainTemplateCheck.Check(Snippet.Doc(bicep), abbreviations);

    [Fact]
    public void Check_RepositoryMain_HasAzdShape()
    {
        var repository = InfraFiles.Repository;

        Snippet.NoProblems(MainTemplateCheck.Check(repository.Main, repository.AbbreviationsJson));
    }

    [Fact]
    public void Check_CorrectSnippet_NoProblems() => Snippet.NoProblems(Check(Main));

    [Theory]
    [InlineData("targetScope = 'subscription'", "targetScope = 'resourceGroup'", "targetScope is 'resourceGroup'")]
    [InlineData("toLower(uniqueString(subscription().id, environmentName, location))", "environmentName", "resourceToken is missing or not built with uniqueString")]
    [InlineData("'azd-env-name'", "'env'", "lacks the 'azd-env-name' tag")]
    [InlineData("resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {", "resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' existing = {", "no resource group is created")]
    [InlineData("  scope: rg\n", "", "module 'api' has no scope")]
    [InlineData("abbrs.webSitesFunctions", "abbrs.webSitesFunction", "abbrs.webSitesFunction is used but not defined")]
    [InlineData("output PARTICIPANTS_URL", "output PARTICIPANTS_ENDPOINT", "output 'PARTICIPANTS_URL' is missing")]
    public void Check_BrokenMain_ReportsIt(string good, string bad, string expected) =>
        Snippet.HasProblem(Check(Snippet.Break(Main, good, bad)), expected);

    [Fact]
    public void Check_AbbreviationsNotJson_ReportsIt() =>
        Snippet.HasProblem(Check(Main, "{ nope"), "abbreviations.json is not valid JSON");
}
