namespace SagaFunctions.Infra.Tests.Repository;

/// <summary>The deployment files of the repository: every Bicep file under infra/, the linter configuration, the
/// parameters file, azure.yaml, and FunctionApp/AppSettings.cs when it exists.</summary>
public sealed class InfraFiles
{
    private static readonly Lazy<InfraFiles> Current = new(() => Load(RepositoryRoot.Path));

    private InfraFiles(string root)
    {
        Root = root;
        InfraDirectory = Path.Combine(root, "infra");
        BicepFiles = Directory.EnumerateFiles(InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        ParametersJson = File.ReadAllText(Path.Combine(InfraDirectory, "main.parameters.json"));
        AzureYaml = File.ReadAllText(Path.Combine(root, "azure.yaml"));
        var appSettings = Path.Combine(root, "FunctionApp", "AppSettings.cs");
        AppSettingsSource = File.Exists(appSettings) ? File.ReadAllText(appSettings) : null;
    }

    public static InfraFiles Repository => Current.Value;

    public string Root { get; }

    public string InfraDirectory { get; }

    /// <summary>Every .bicep file under infra/, relative to the root with forward slashes (infra/main.bicep, ...).</summary>
    public IReadOnlyList<string> BicepFiles { get; }

    public string MainBicep => Path.Combine(InfraDirectory, "main.bicep");

    public string BicepConfig => Path.Combine(InfraDirectory, "bicepconfig.json");

    public string ParametersJson { get; }

    public string AzureYaml { get; }

    /// <summary>FunctionApp/AppSettings.cs, or null while that file does not exist.</summary>
    public string? AppSettingsSource { get; }

    public static InfraFiles Load(string root) => new(root);

    /// <summary>The absolute path of a file named relative to the root.</summary>
    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>True when <paramref name="relativeProject"/> (as azure.yaml writes it) is a folder holding a .csproj.</summary>
    public bool ProjectExists(string relativeProject)
    {
        ArgumentNullException.ThrowIfNull(relativeProject);
        var directory = Path.GetFullPath(Path.Combine(Root, relativeProject));
        return Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.csproj").Any();
    }
}
