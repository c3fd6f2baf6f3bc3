using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class AzureYamlCheckTests
{
    private const string Yaml = """
        name: saga-functions
        services:
          api:
            project: ./FunctionApp
            language: dotnet
            host: function
          participants:
            project: ./Participants/Host/
            language: dotnet
            host: appservice
        """;

    private static readonly string[] Tagged = ["api", "participants"];

    private static IReadOnlyList<string> Check(string yaml, Func<string, bool>? projectExists = null, IReadOnlyCollection<string>? tagged = null) =>
        AzureYamlCheck.Check(yaml, AzureYamlCheck.Expected, projectExists ?? (_ => true), tagged ?? Tagged);

    [Fact]
    public void Check_RepositoryAzureYaml_NamesBothServicesWithExistingProjectsAndTags()
    {
        var repository = InfraFiles.Repository;
        var tagged = repository.Bicep.SelectMany(d => d.AzdServiceNames()).ToList();

        Snippet.NoProblems(AzureYamlCheck.Check(repository.AzureYaml, AzureYamlCheck.Expected, repository.ProjectExists, tagged));
    }

    [Fact]
    public void Check_CorrectSnippet_NoProblems() => Snippet.NoProblems(Check(Yaml));

    [Fact]
    public void Check_ParticipantsHostedAsFunction_ReportsMissingAppService()
    {
        var yaml = Snippet.Break(Yaml, "host: appservice", "host: function");

        Snippet.HasProblem(Check(yaml), "no 'appservice' service with project './Participants/Host'");
    }

    [Fact]
    public void Check_FunctionAppProjectElsewhere_ReportsIt()
    {
        var yaml = Snippet.Break(Yaml, "project: ./FunctionApp", "project: ./src/api");

        Snippet.HasProblem(Check(yaml), "no 'function' service with project './FunctionApp'");
    }

    [Fact]
    public void Check_ProjectFolderWithoutCsproj_ReportsIt()
    {
        var problems = Check(Yaml, projectExists: p => p != "./Participants/Host");

        Snippet.HasProblem(problems, "service 'participants' project './Participants/Host' is not a folder with a .csproj");
    }

    [Fact]
    public void Check_ServiceWithoutTaggedResource_ReportsIt()
    {
        var problems = Check(Yaml, tagged: ["api"]);

        Snippet.HasProblem(problems, "service 'participants' has no resource tagged azd-service-name");
    }

    [Fact]
    public void Check_NonDotnetLanguage_ReportsIt()
    {
        var yaml = Snippet.Break(Yaml, "language: dotnet\n    host: function", "language: python\n    host: function");

        Snippet.HasProblem(Check(yaml), "service 'api' has language 'python'");
    }

    [Theory]
    [InlineData("services: [unclosed")]
    [InlineData("name: only-a-name")]
    public void Check_InvalidYamlOrNoServices_ReportsIt(string yaml) => Assert.Single(Check(yaml));
}
