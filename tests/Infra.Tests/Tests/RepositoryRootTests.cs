using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public sealed class RepositoryRootTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "infra-tests-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Find_FromTestBinaries_ReturnsFolderWithSolutionAndInfra()
    {
        var root = RepositoryRoot.Find();

        Assert.True(File.Exists(Path.Combine(root, RepositoryRoot.SolutionFileName)));
        Assert.True(File.Exists(Path.Combine(root, "infra", "main.bicep")));
    }

    [Fact]
    public void WalkUp_NestedFolderBelowSolution_FindsSolutionFolder()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_temp, "a", "b", "c")).FullName;
        File.WriteAllText(Path.Combine(_temp, RepositoryRoot.SolutionFileName), string.Empty);

        Assert.Equal(new DirectoryInfo(_temp).FullName, RepositoryRoot.WalkUp(nested));
    }

    [Fact]
    public void WalkUp_NoSolutionAbove_ReturnsNull()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_temp, "x")).FullName;

        Assert.Null(RepositoryRoot.WalkUp(nested));
    }
}
