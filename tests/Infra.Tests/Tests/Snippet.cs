using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>Builds in-memory Bicep documents for the tests that feed deliberately broken input to a check.</summary>
internal static class Snippet
{
    public const string MainPath = "/repo/infra/main.bicep";

    public static BicepDocument Doc(string text, string path = MainPath) => new(path, text);

    /// <summary><paramref name="text"/> with <paramref name="oldValue"/> replaced; fails when it is absent, so a
    /// test cannot silently pass against an unbroken snippet.</summary>
    public static string Break(string text, string oldValue, string newValue)
    {
        Assert.Contains(oldValue, text, StringComparison.Ordinal);
        return text.Replace(oldValue, newValue, StringComparison.Ordinal);
    }

    public static void HasProblem(IReadOnlyList<string> problems, string fragment) =>
        Assert.True(
            problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)),
            $"Expected a problem containing \"{fragment}\"; got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

    public static void NoProblems(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, "Unexpected problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
}
