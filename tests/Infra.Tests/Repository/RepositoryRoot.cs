using System.Reflection;

namespace SagaFunctions.Infra.Tests.Repository;

/// <summary>Finds the repository (the folder holding SagaFunctions.sln) the infrastructure files are read from.</summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "SagaFunctions.sln";

    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>
    /// Walks up from the test binaries; when they were built outside the repository (an artifacts path), walks up
    /// from the project folder recorded at build time instead.
    /// </summary>
    public static string Find()
    {
        var recorded = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        return WalkUp(AppContext.BaseDirectory)
            ?? (recorded is null ? null : WalkUp(recorded))
            ?? throw new DirectoryNotFoundException(
                $"No {SolutionFileName} above {AppContext.BaseDirectory} or {recorded ?? "(no recorded root)"}.");
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds the solution file.</summary>
    public static string? WalkUp(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
