using SagaFunctions.Infra.Tests.Arm;
using SagaFunctions.Infra.Tests.Cli;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>The real Bicep CLI builds and lints every .bicep file under infra/ with no error and no warning.</summary>
public class BicepCliTests
{
    /// <summary>How a module reference to a registry or template spec starts (br:, br/alias:, ts:).</summary>
    private static readonly string[] RegistryReferences = ["'br:", "'br/", "'ts:", "'ts/"];

    public static TheoryData<string> BicepFiles => new(InfraFiles.Repository.BicepFiles);

    [Fact]
    public void Locate_RestoredPackage_FindsExecutableOfPinnedVersion()
    {
        var metadata = BicepCli.BuildMetadata();
        var cli = BicepCli.Pinned;

        Assert.True(File.Exists(cli.ExecutablePath), cli.ExecutablePath);
        Assert.StartsWith(Path.GetFullPath(metadata.PackageRoot), Path.GetFullPath(cli.ExecutablePath), StringComparison.Ordinal);
        Assert.Contains($"Bicep CLI version {metadata.Version} ", cli.Version(), StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_PackageMissing_ThrowsNamingProbedPath()
    {
        using var empty = new TempFolder();

        var error = Assert.Throws<FileNotFoundException>(() =>
            BicepCli.Locate(new PackageLocation(empty.Path, "Azure.Bicep.CommandLine.linux-x64", "0.49.2")));

        Assert.Contains(Path.Combine(empty.Path, "azure.bicep.commandline.linux-x64", "0.49.2", "tools"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ExecutableBitLost_MakesItExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("The Bicep CLI package holds a linux-x64 binary only.");
            return;
        }

        using var root = new TempFolder();
        var tools = Directory.CreateDirectory(Path.Combine(root.Path, "azure.bicep.commandline.linux-x64", "0.49.2", "tools")).FullName;
        var binary = Path.Combine(tools, "bicep");
        File.WriteAllText(binary, "#!/bin/sh\n");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var cli = BicepCli.Locate(new PackageLocation(root.Path, "Azure.Bicep.CommandLine.linux-x64", "0.49.2"));

        Assert.Equal(binary, cli.ExecutablePath);
        Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void BicepFiles_Infra_MainAndEveryModuleFound()
    {
        Assert.Equal(
            ["infra/app/api.bicep", "infra/app/identity.bicep", "infra/app/monitoring.bicep", "infra/app/participants.bicep", "infra/app/rbac.bicep", "infra/app/storage.bicep", "infra/main.bicep"],
            InfraFiles.Repository.BicepFiles);
    }

    [Fact]
    public void Build_AllInfraFiles_ExitsZeroWithoutDiagnostics()
    {
        var build = CompiledInfra.Build;

        Assert.True(build.Run.ExitCode == 0 && build.Diagnostics.Count == 0, build.Describe());
        Assert.Equal(InfraFiles.Repository.BicepFiles.Count, build.FileCount);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Build_InfraFile_CompilesToArmJsonWithoutErrorsOrWarnings(string file)
    {
        var diagnostics = CompiledInfra.Build.In(InfraFiles.Repository.PathOf(file));
        var template = CompiledInfra.TemplateOf(file);

        Assert.True(diagnostics.Count == 0, $"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}");
        Assert.True(template is not null, $"{file} was not compiled. {CompiledInfra.Build.Describe()}");
        Assert.StartsWith("https://schema.management.azure.com/schemas/", ArmTemplate.Parse(template).Schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_AllInfraFiles_ExitsZeroWithoutDiagnostics()
    {
        var lint = CompiledInfra.Lint;

        Assert.True(lint.Run.ExitCode == 0 && lint.Diagnostics.Count == 0, lint.Describe());
        Assert.Equal(InfraFiles.Repository.BicepFiles.Count, lint.FileCount);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Lint_InfraFile_ReportsNoErrorsOrWarnings(string file)
    {
        var diagnostics = CompiledInfra.Lint.In(InfraFiles.Repository.PathOf(file));

        Assert.True(diagnostics.Count == 0, $"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}");
    }

    [Fact]
    public void LintAll_PatternOverFolders_ReportsEachFilesDiagnosticsUnderItsPath()
    {
        using var folder = new TempFolder();
        folder.Write("clean.bicep", "output greeting string = 'hello'\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "app"));
        var nested = folder.Write(Path.Combine("app", "unused.bicep"), "param unused string\n");
        File.Copy(InfraFiles.Repository.BicepConfig, Path.Combine(folder.Path, "bicepconfig.json"));

        var lint = BicepCli.Pinned.LintAll(Path.Combine(folder.Path, "**", "*.bicep"));

        Assert.Equal(2, lint.FileCount);
        Assert.Equal("no-unused-params", Assert.Single(lint.In(nested)).Code);
        Assert.Empty(lint.In(Path.Combine(folder.Path, "clean.bicep")));
    }

    [Fact]
    public void Sources_EveryBicepFile_ReferencesNoRegistryModule()
    {
        var repository = InfraFiles.Repository;
        var offenders = repository.BicepFiles
            .Where(f => RegistryReferences.Any(prefix => File.ReadAllText(repository.PathOf(f)).Contains(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.True(offenders.Count == 0, "Registry modules cannot be restored here; declare the resources natively: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Build_TypeError_ReportsErrorAndFails()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.bicep", """
            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
              name: 42
              location: resourceGroup().location
            }
            """);

        var build = BicepCli.Pinned.Build(file);

        Assert.NotEqual(0, build.Run.ExitCode);
        Assert.Null(build.Template);
        Assert.Contains(build.Errors, d => d.Code == "BCP036" && d.Line == 2);
    }

    [Fact]
    public void Lint_UnusedParameter_ReportsWarningWithLocation()
    {
        using var folder = new TempFolder();
        var file = folder.Write("unused.bicep", "param unused string\n");

        var lint = BicepCli.Pinned.Lint(file, InfraFiles.Repository.BicepConfig);

        var warning = Assert.Single(lint.Warnings);
        Assert.Equal("no-unused-params", warning.Code);
        Assert.Equal(1, warning.Line);
        Assert.EndsWith("unused.bicep", warning.File, StringComparison.Ordinal);
    }
}
