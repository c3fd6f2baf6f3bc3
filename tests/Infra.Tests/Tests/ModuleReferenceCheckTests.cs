using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class ModuleReferenceCheckTests
{
    private static IReadOnlyList<string> CheckOne(string bicep, params string[] existingFiles) =>
        ModuleReferenceCheck.Check([Snippet.Doc(bicep)], path => existingFiles.Contains(path));

    [Fact]
    public void Check_RepositoryInfra_EveryModuleResolves()
    {
        var repository = InfraFiles.Repository;

        Snippet.NoProblems(ModuleReferenceCheck.Check(repository.Bicep, File.Exists));
        Assert.NotEmpty(repository.Bicep.SelectMany(d => d.Modules));
    }

    [Fact]
    public void Check_PinnedRegistryAndExistingLocalModule_NoProblems()
    {
        var problems = CheckOne("""
            module a 'br/public:avm/res/web/site:0.15.1' = {}
            module b 'br:mcr.microsoft.com/bicep/avm/res/web/serverfarm:0.1.1' = {}
            module c './app/api.bicep' = {}
            """, "/repo/infra/app/api.bicep");

        Snippet.NoProblems(problems);
    }

    [Theory]
    [InlineData("br/public:avm/res/web/site")]
    [InlineData("br/public:avm/res/web/site:latest")]
    [InlineData("br/public:avm/res/web/site:0.15")]
    [InlineData("br:mcr.microsoft.com/bicep/avm/res/web/site:v1")]
    public void Check_RegistryModuleNotPinnedToExactVersion_ReportsIt(string reference)
    {
        var problems = CheckOne($"module a '{reference}' = {{}}");

        Snippet.HasProblem(problems, "not pinned to an exact x.y.z version");
    }

    [Fact]
    public void Check_LocalModuleMissing_ReportsResolvedPath()
    {
        var problems = CheckOne("module api './app/missing.bicep' = {}", "/repo/infra/app/api.bicep");

        Snippet.HasProblem(problems, "/repo/infra/app/missing.bicep does not exist");
    }

    [Fact]
    public void Check_TemplateSpecWithoutVersion_ReportsIt()
    {
        Snippet.HasProblem(CheckOne("module t 'ts:sub/rg/spec' = {}"), "without a version");
        Snippet.NoProblems(CheckOne("module t 'ts:sub/rg/spec:1.0' = {}"));
    }
}
