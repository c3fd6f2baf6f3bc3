using SagaFunctions.Infra.Tests.Cli;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Arm;

/// <summary>
/// The repository's Bicep as the real CLI compiles and lints it: one <c>bicep build</c> and one <c>bicep lint</c> over
/// infra/**/*.bicep per test run (the CLI's start-up dominates, so one run per command, not one per file). The ARM JSON
/// lands in the test output folder (bin/.../compiled-infra/), where it can be read after a run. <see cref="Main"/> is
/// infra/main.bicep compiled, modules nested: what <c>azd provision</c> or <c>az deployment sub create</c> sends to Azure.
/// </summary>
public static class CompiledInfra
{
    private static readonly Lazy<BicepResult> BuildRun = new(BuildEverything);
    private static readonly Lazy<BicepResult> LintRun = new(() => BicepCli.Pinned.LintAll(Pattern));
    private static readonly Lazy<ArmTemplate> MainTemplate = new(() => ArmTemplate.Parse(MainJson));

    /// <summary>Where the compiled templates are written, mirroring infra/ (main.json, app/api.json, ...).</summary>
    public static string OutputDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "compiled-infra");

    private static string Pattern => Path.Combine(InfraFiles.Repository.InfraDirectory, "**", "*.bicep");

    /// <summary>The build of every file under infra/.</summary>
    public static BicepResult Build => BuildRun.Value;

    /// <summary>The lint of every file under infra/, with the bicepconfig.json the CLI discovers there.</summary>
    public static BicepResult Lint => LintRun.Value;

    /// <summary>The compiled template of a file named relative to the root (infra/app/api.bicep), or null when the
    /// build wrote none.</summary>
    public static string? TemplateOf(string relativeBicepPath)
    {
        ArgumentNullException.ThrowIfNull(relativeBicepPath);
        _ = Build;
        var underInfra = Path.GetRelativePath(InfraFiles.Repository.InfraDirectory, InfraFiles.Repository.PathOf(relativeBicepPath));
        var json = Path.Combine(OutputDirectory, Path.ChangeExtension(underInfra, ".json"));
        return File.Exists(json) ? File.ReadAllText(json) : null;
    }

    /// <summary>infra/main.bicep compiled; throws with the diagnostics when it does not compile.</summary>
    public static string MainJson =>
        TemplateOf("infra/main.bicep")
        ?? throw new InvalidOperationException("infra/main.bicep did not compile: " + Build.Describe());

    public static ArmTemplate Main => MainTemplate.Value;

    /// <summary>The single resource of a type (nested ones included); fails when there are none or several.</summary>
    public static ArmResource One(string type)
    {
        var matches = Main.OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}; found {matches.Count}: {string.Join("; ", matches.Select(m => m.Describe()))}");
        return matches[0];
    }

    /// <summary>The one site of the given kind (functionapp,linux or app,linux).</summary>
    public static ArmResource Site(string kind)
    {
        var sites = Main.OfType("Microsoft.Web/sites").Where(s => s.Text("kind") == kind).ToList();
        Assert.True(sites.Count == 1, $"Expected exactly one Microsoft.Web/sites of kind '{kind}'; found {sites.Count}.");
        return sites[0];
    }

    private static BicepResult BuildEverything()
    {
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }

        Directory.CreateDirectory(OutputDirectory);
        return BicepCli.Pinned.BuildAll(Pattern, OutputDirectory);
    }
}
