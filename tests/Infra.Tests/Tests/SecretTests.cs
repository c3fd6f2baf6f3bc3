using System.Text.Json;
using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>No key or secret anywhere in the compiled deployment.</summary>
public class SecretTests
{
    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Main_EveryString_ReadsOrWritesNoKey()
    {
        var problems = SecretScan.InStrings(CompiledInfra.Main.Root);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Main_ParametersAndOutputs_CarryNoSecret()
    {
        var problems = SecretScan.InParametersAndOutputs(CompiledInfra.Main);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Main_ApplicationInsightsConnectionString_OnlyReadIntoItsAppSetting()
    {
        // The component's connection string (no usable secret with local auth disabled) is read in exactly one place.
        var uses = ArmExpression.Strings(CompiledInfra.Main.Root).Count(s => s.Contains(".ConnectionString", StringComparison.OrdinalIgnoreCase));
        var setting = CompiledInfra.Site("functionapp,linux").AppSettings()["APPLICATIONINSIGHTS_CONNECTION_STRING"].GetString();

        Assert.Equal(1, uses);
        Assert.Contains("'Microsoft.Insights/components'", setting, StringComparison.Ordinal);
        Assert.EndsWith(".ConnectionString]", setting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "value": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2026-09-01').keys[0].value]" }""")]
    [InlineData("""{ "value": "[listAccountSas(parameters('id'), '2026-09-01', variables('sas')).accountSasToken]" }""")]
    [InlineData("""{ "value": "[format('DefaultEndpointsProtocol=https;AccountName={0}', parameters('name'))]" }""")]
    [InlineData("""{ "value": "Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=abc" }""")]
    [InlineData("""{ "value": "InstrumentationKey=00000000-0000-0000-0000-000000000000" }""")]
    [InlineData("""{ "value": "https://x.blob.core.windows.net/c?sv=2022&sig=abc" }""")]
    [InlineData("""{ "value": "[reference(parameters('cosmos')).primaryMasterKey]" }""")]
    public void InStrings_KeyOrSecretFragment_IsReported(string json) =>
        Assert.NotEmpty(SecretScan.InStrings(Json(json)));

    [Fact]
    public void InStrings_IdentityBasedSettings_AreNotReported() =>
        Assert.Empty(SecretScan.InStrings(Json("""
            { "appSettings": [
                { "name": "AzureWebJobsStorage__credential", "value": "managedidentity" },
                { "name": "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "value": "[format('ClientId={0};Authorization=AAD', parameters('id'))]" },
                { "name": "AzureWebJobsStorage__blobServiceUri", "value": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2026-09-01').primaryEndpoints.blob]" } ] }
            """)));

    [Theory]
    [InlineData("""{ "outputs": { "hidden": { "type": "securestring", "value": "x" } } }""", "secure-typed")]
    [InlineData("""{ "parameters": { "password": { "type": "secureString" } } }""", "secure-typed")]
    [InlineData("""{ "outputs": { "storageKey": { "type": "string", "value": "x" } } }""", "named like a secret")]
    [InlineData("""{ "outputs": { "insights": { "type": "string", "value": "[reference('x').ConnectionString]" } } }""", "built from")]
    public void InParametersAndOutputs_SecretLooking_IsReported(string json, string expected)
    {
        var problems = SecretScan.InParametersAndOutputs(ArmTemplate.Parse(json));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
