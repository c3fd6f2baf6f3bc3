using System.Text.Json;
using SagaFunctions.Infra.Tests.Arm;
using SagaFunctions.Infra.Tests.Repository;
using YamlDotNet.RepresentationModel;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>main.parameters.json and azure.yaml agree with the compiled main.bicep and with the repository.</summary>
public class DeploymentFilesTests
{
    private static Dictionary<string, JsonElement> ParametersFile()
    {
        using var json = JsonDocument.Parse(InfraFiles.Repository.ParametersJson);
        return json.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    private static Dictionary<string, YamlMappingNode> Services()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(InfraFiles.Repository.AzureYaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var services = (YamlMappingNode)root.Children[new YamlScalarNode("services")];
        return services.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (YamlMappingNode)p.Value, StringComparer.Ordinal);
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    [Fact]
    public void ParametersFile_EveryEntry_IsAParameterOfMain()
    {
        var undeclared = ParametersFile().Keys.Where(name => !CompiledInfra.Main.Parameters.ContainsKey(name)).ToList();

        Assert.True(undeclared.Count == 0, "main.parameters.json sets parameters main.bicep does not declare: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void ParametersFile_EveryParameterWithoutDefault_IsSupplied()
    {
        var supplied = ParametersFile();
        var required = CompiledInfra.Main.Parameters
            .Where(p => !p.Value.TryGetProperty("defaultValue", out _) && !(p.Value.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True))
            .Select(p => p.Key)
            .ToList();

        Assert.Equal(["environmentName", "location"], required.Order(StringComparer.Ordinal));
        Assert.All(required, name => Assert.True(supplied.ContainsKey(name), $"main.parameters.json does not supply required parameter '{name}'."));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    public void ParametersFile_AzdEntries_MapTheAzdEnvironment(string parameter, string value) =>
        Assert.Equal(value, ParametersFile()[parameter].GetProperty("value").GetString());

    [Fact]
    public void AzureYaml_Infra_IsBicepMainInInfra()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(InfraFiles.Repository.AzureYaml));
        var infra = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("infra")];

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.Equal("infra", Scalar(infra, "path"));
        Assert.Equal("main", Scalar(infra, "module"));
    }

    [Theory]
    [InlineData("api", "function", "./FunctionApp")]
    [InlineData("participants", "appservice", "./Participants.Host")]
    public void AzureYaml_Service_PointsAtAnExistingDotnetProject(string service, string host, string project)
    {
        var node = Services()[service];

        Assert.Equal(host, Scalar(node, "host"));
        Assert.Equal("dotnet", Scalar(node, "language"));
        Assert.Equal(project, Scalar(node, "project")?.TrimEnd('/'));
        Assert.True(InfraFiles.Repository.ProjectExists(project), $"{project} is not a folder with a .csproj.");
    }

    [Fact]
    public void AzureYaml_EveryService_HasASiteTaggedWithItsName()
    {
        // azd finds where to deploy a service by the azd-service-name tag; each module adds it from its serviceName parameter.
        var tagged = CompiledInfra.Main.OfType("Microsoft.Web/sites")
            .Where(s => s.Text("tags") == "[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]")
            .Select(s => s.Template.LiteralParameter("serviceName"))
            .ToList();

        Assert.Equal(Services().Keys.Order(StringComparer.Ordinal), tagged.Order(StringComparer.Ordinal));
    }
}
