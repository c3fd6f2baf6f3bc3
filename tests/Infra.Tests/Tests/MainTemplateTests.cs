using System.Text.Json;
using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>The azd shape of main.bicep, compiled: subscription scope, the resource group, names, parameters, outputs.</summary>
public partial class MainTemplateTests
{
    /// <summary>The outputs azd puts into the environment (azd env get-values) and the README's commands read.</summary>
    public static readonly IReadOnlyList<string> Outputs =
    [
        "AZURE_LOCATION",
        "AZURE_TENANT_ID",
        "AZURE_RESOURCE_GROUP",
        "AZURE_FUNCTION_APP_NAME",
        "AZURE_FUNCTION_APP_URL",
        "PARTICIPANTS_APP_NAME",
        "PARTICIPANTS_URL",
        "TASK_HUB_NAME",
        "DEAD_LETTER_TABLE_NAME",
    ];

    private static ArmTemplate Main => CompiledInfra.Main;

    [Fact]
    public void Main_Schema_IsASubscriptionDeployment() =>
        Assert.Contains("/subscriptionDeploymentTemplate.json#", Main.Schema, StringComparison.Ordinal);

    [Fact]
    public void ResourceGroup_NameAndTags_FromEnvironmentName()
    {
        var rg = CompiledInfra.One("Microsoft.Resources/resourceGroups");

        Assert.Same(Main, rg.Template);
        Assert.Contains("variables('abbrs').resourcesResourceGroups, parameters('environmentName')", rg.Name, StringComparison.Ordinal);
        Assert.Equal("[variables('tags')]", rg.Text("tags"));
        Assert.Equal("[parameters('environmentName')]", Main.Variables["tags"].GetProperty("azd-env-name").GetString());
    }

    [Fact]
    public void ResourceToken_UniquePerSubscriptionEnvironmentAndLocation()
    {
        Assert.Equal(
            "[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]",
            Main.Variables["resourceToken"].GetString());
    }

    [Fact]
    public void Abbreviations_EveryOneUsed_IsDefined()
    {
        var defined = Main.Variable("abbrs").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var used = AbbreviationRegex().Matches(CompiledInfra.MainJson).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.Contains(key, defined));
    }

    [Fact]
    public void Outputs_AzdValues_AllPresentAsPlainStrings()
    {
        Assert.Equal(Outputs.Order(StringComparer.Ordinal), Main.Outputs.Keys.Order(StringComparer.Ordinal));
        Assert.All(Main.Outputs, o => Assert.Equal("string", o.Value.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("AZURE_LOCATION", "[parameters('location')]")]
    [InlineData("AZURE_TENANT_ID", "[tenant().tenantId]")]
    [InlineData("TASK_HUB_NAME", "[parameters('taskHubName')]")]
    [InlineData("DEAD_LETTER_TABLE_NAME", "[parameters('deadLetterTableName')]")]
    public void Outputs_FromParameters_AreTheParameters(string output, string expected) =>
        Assert.Equal(expected, Main.Outputs[output].GetProperty("value").GetString());

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME", "api", "name")]
    [InlineData("AZURE_FUNCTION_APP_URL", "api", "url")]
    [InlineData("PARTICIPANTS_APP_NAME", "participants", "name")]
    [InlineData("PARTICIPANTS_URL", "participants", "url")]
    public void Outputs_FromModules_AreTheModuleOutputs(string output, string module, string moduleOutput)
    {
        Assert.Matches(ArmExpression.ModuleOutput(module, moduleOutput), Main.Outputs[output].GetProperty("value").GetString());
        Assert.True(Main.Module(module).NestedTemplate!.Outputs.ContainsKey(moduleOutput), $"module {module} has no output {moduleOutput}");
    }

    [Fact]
    public void Outputs_Urls_AreHttps()
    {
        foreach (var module in new[] { "api", "participants" })
        {
            var url = Main.Module(module).NestedTemplate!.Outputs["url"].GetProperty("value").GetString();
            Assert.StartsWith("[format('https://{0}', ", url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parameters_EnvironmentNameAndLocation_AreRequired()
    {
        Assert.Null(Main.ParameterDefault("environmentName"));
        Assert.Null(Main.ParameterDefault("location"));
        Assert.Equal(64, Main.Parameters["environmentName"].GetProperty("maxLength").GetInt32());
        Assert.Equal("location", Main.Parameters["location"].GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("principalId", "[deployer().objectId]")]
    [InlineData("principalType", "User")]
    [InlineData("taskHubName", "SagaHub")]
    [InlineData("deadLetterTableName", "SagaDeadLetters")]
    [InlineData("participantsSkuName", "B1")]
    [InlineData("resourceGroupName", "")]
    [InlineData("functionAppName", "")]
    [InlineData("storageAccountName", "")]
    public void Parameters_StringDefaults_AsDocumented(string parameter, string expected) =>
        Assert.Equal(expected, Main.ParameterDefault(parameter)?.GetString());

    [Theory]
    [InlineData("instanceMemoryMB", 2048)]
    [InlineData("maximumInstanceCount", 100)]
    public void Parameters_NumberDefaults_AsDocumented(string parameter, int expected) =>
        Assert.Equal(expected, Main.ParameterDefault(parameter)?.GetInt32());

    [Fact]
    public void Parameters_TaskHubName_LengthWithinDurableLimits()
    {
        var hub = Main.Parameters["taskHubName"];

        Assert.Equal(3, hub.GetProperty("minLength").GetInt32());
        Assert.Equal(45, hub.GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public void Parameters_InstanceMemory_OnlyFlexConsumptionSizes()
    {
        var allowed = Main.Parameters["instanceMemoryMB"].GetProperty("allowedValues").EnumerateArray().Select(v => v.GetInt32());

        Assert.Equal([512, 2048, 4096], allowed);
        Assert.Equal(JsonValueKind.Number, Main.ParameterDefault("instanceMemoryMB")?.ValueKind);
    }

    [GeneratedRegex(@"variables\('abbrs'\)\.(\w+)")]
    private static partial Regex AbbreviationRegex();
}
