using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Repository;

/// <summary>The deployment files of the repository, read once: every Bicep file under infra/, the parameters
/// file, the abbreviations, azure.yaml, and FunctionApp/AppSettings.cs when it exists.</summary>
public sealed class InfraFiles
{
    private static readonly Lazy<InfraFiles> Current = new(() => Load(RepositoryRoot.Path));

    private InfraFiles(string root)
    {
        Root = root;
        var infra = System.IO.Path.Combine(root, "infra");
        Bicep = Directory.EnumerateFiles(infra, "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new BicepDocument(path, File.ReadAllText(path)))
            .ToList();
        Main = Bicep.Single(d => string.Equals(d.Path, System.IO.Path.Combine(infra, "main.bicep"), StringComparison.Ordinal));
        ParametersJson = File.ReadAllText(System.IO.Path.Combine(infra, "main.parameters.json"));
        AbbreviationsJson = File.ReadAllText(System.IO.Path.Combine(infra, "abbreviations.json"));
        AzureYaml = File.ReadAllText(System.IO.Path.Combine(root, "azure.yaml"));
        var appSettings = System.IO.Path.Combine(root, "FunctionApp", "AppSettings.cs");
        AppSettingsSource = File.Exists(appSettings) ? File.ReadAllText(appSettings) : null;
    }

    public static InfraFiles Repository => Current.Value;

    public string Root { get; }

    public IReadOnlyList<BicepDocument> Bicep { get; }

    public BicepDocument Main { get; }

    public string ParametersJson { get; }

    public string AbbreviationsJson { get; }

    public string AzureYaml { get; }

    /// <summary>FunctionApp/AppSettings.cs, or null while that file does not exist.</summary>
    public string? AppSettingsSource { get; }

    /// <summary>Every text file of the deployment (path, raw text), for scans that look at everything.</summary>
    public IEnumerable<(string Path, string Text)> AllTexts =>
        Bicep.Select(d => (d.Path, d.Text))
            .Append((System.IO.Path.Combine(Root, "infra", "main.parameters.json"), ParametersJson))
            .Append((System.IO.Path.Combine(Root, "infra", "abbreviations.json"), AbbreviationsJson))
            .Append((System.IO.Path.Combine(Root, "azure.yaml"), AzureYaml));

    public static InfraFiles Load(string root) => new(root);

    /// <summary>True when <paramref name="relativeProject"/> (as azure.yaml writes it) is a folder holding a .csproj.</summary>
    public bool ProjectExists(string relativeProject)
    {
        ArgumentNullException.ThrowIfNull(relativeProject);
        var directory = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relativeProject));
        return Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.csproj").Any();
    }
}
