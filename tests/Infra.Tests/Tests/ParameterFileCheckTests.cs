using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class ParameterFileCheckTests
{
    private const string Template = """
        param environmentName string
        param location string
        param principalId string = deployer().objectId
        param optional string?
        """;

    private const string Parameters = """
        {
          "parameters": {
            "environmentName": { "value": "${AZURE_ENV_NAME}" },
            "location": { "value": "${AZURE_LOCATION}" },
            "principalId": { "value": "${AZURE_PRINCIPAL_ID}" }
          }
        }
        """;

    [Fact]
    public void Check_RepositoryParametersFile_MatchesMainBicep()
    {
        var repository = InfraFiles.Repository;

        Snippet.NoProblems(ParameterFileCheck.Check(repository.Main, repository.ParametersJson));
    }

    [Fact]
    public void Check_ConsistentSnippet_NoProblems() =>
        Snippet.NoProblems(ParameterFileCheck.Check(Snippet.Doc(Template), Parameters));

    [Fact]
    public void Check_ParameterNotDeclared_ReportsIt()
    {
        var parameters = Snippet.Break(Parameters, "\"principalId\"", "\"principalID\"");

        Snippet.HasProblem(ParameterFileCheck.Check(Snippet.Doc(Template), parameters), "supplies 'principalID'");
    }

    [Fact]
    public void Check_RequiredParameterNotSupplied_ReportsIt()
    {
        var parameters = Snippet.Break(Parameters, "\"location\": { \"value\": \"${AZURE_LOCATION}\" },", string.Empty);

        var problems = ParameterFileCheck.Check(Snippet.Doc(Template), parameters);

        Snippet.HasProblem(problems, "required parameter 'location'");
        Assert.DoesNotContain(problems, p => p.Contains("'optional'", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_EntryWithoutValue_ReportsIt()
    {
        var parameters = Snippet.Break(Parameters, "{ \"value\": \"${AZURE_LOCATION}\" }", "{ \"val\": \"x\" }");

        Snippet.HasProblem(ParameterFileCheck.Check(Snippet.Doc(Template), parameters), "neither \"value\" nor \"reference\"");
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{ \"contentVersion\": \"1.0.0.0\" }")]
    public void Check_MalformedFile_ReportsIt(string json) =>
        Assert.Single(ParameterFileCheck.Check(Snippet.Doc(Template), json));
}
