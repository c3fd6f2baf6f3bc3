using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// azure.yaml declares the FunctionApp as a <c>function</c> service and the participants as an <c>appservice</c>
/// service, both dotnet; every service's project folder exists and holds a .csproj; and every service has a
/// resource tagged <c>azd-service-name</c> with its name (that tag is how azd finds where to deploy).
/// </summary>
public static class AzureYamlCheck
{
    public sealed record ExpectedService(string Host, string Project);

    public static readonly IReadOnlyList<ExpectedService> Expected =
    [
        new("function", "./FunctionApp"),
        new("appservice", "./Participants/Host"),
    ];

    public static IReadOnlyList<string> Check(
        string yaml,
        IReadOnlyList<ExpectedService> expected,
        Func<string, bool> projectExists,
        IReadOnlyCollection<string> taggedServiceNames)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(projectExists);
        ArgumentNullException.ThrowIfNull(taggedServiceNames);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return [$"azure.yaml is not valid YAML: {e.Message}"];
        }

        if (stream.Documents.Count == 0
            || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("services"), out var servicesNode)
            || servicesNode is not YamlMappingNode services)
        {
            return ["azure.yaml has no 'services' mapping."];
        }

        var problems = new List<string>();
        var declared = new List<(string Name, string? Host, string? Project, string? Language)>();
        foreach (var (key, value) in services.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? string.Empty;
            var body = value as YamlMappingNode;
            declared.Add((name, Scalar(body, "host"), Normalize(Scalar(body, "project")), Scalar(body, "language")));
        }

        foreach (var service in expected)
        {
            if (!declared.Any(d => d.Host == service.Host && d.Project == Normalize(service.Project)))
            {
                problems.Add($"azure.yaml has no '{service.Host}' service with project '{service.Project}'.");
            }
        }

        foreach (var (name, host, project, language) in declared)
        {
            if (host is null)
            {
                problems.Add($"azure.yaml service '{name}' has no host.");
            }

            if (language != "dotnet")
            {
                problems.Add($"azure.yaml service '{name}' has language '{language}', expected 'dotnet'.");
            }

            if (project is null || !projectExists(project))
            {
                problems.Add($"azure.yaml service '{name}' project '{project}' is not a folder with a .csproj.");
            }

            if (!taggedServiceNames.Contains(name))
            {
                problems.Add($"azure.yaml service '{name}' has no resource tagged azd-service-name: '{name}' in infra/.");
            }
        }

        return problems;
    }

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static string? Normalize(string? project) =>
        project is null ? null : "./" + project.Replace('\\', '/').TrimStart('.', '/').TrimEnd('/');
}
