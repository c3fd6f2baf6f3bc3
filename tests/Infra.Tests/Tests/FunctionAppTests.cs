using System.Text.Json;
using SagaFunctions.Infra.Tests.Arm;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>The FunctionApp on Flex Consumption: plan, runtime, deployment package, identity and app settings.</summary>
public class FunctionAppTests
{
    /// <summary>Settings Flex Consumption rejects (it takes runtime and content from functionAppConfig), or that carry a key.</summary>
    public static readonly IReadOnlyList<string> ForbiddenSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
        "AzureWebJobsStorage",
        "AzureWebJobsDashboard",
        "APPINSIGHTS_INSTRUMENTATIONKEY",
    ];

    private static ArmResource App => CompiledInfra.Site("functionapp,linux");

    private static IReadOnlyDictionary<string, JsonElement> Settings => App.AppSettings();

    private static string? Setting(string name) =>
        Settings.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public void Plan_FunctionApp_IsFlexConsumptionOnLinux()
    {
        var plan = CompiledInfra.Main.OfType("Microsoft.Web/serverfarms").Single(p => p.Text("sku", "name") == "FC1");

        Assert.Equal("FlexConsumption", plan.Text("sku", "tier"));
        Assert.Equal(JsonValueKind.True, plan.Property("properties", "reserved")?.ValueKind);
        Assert.Same(App.Template, plan.Template);
        Assert.Equal($"[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]", App.Text("properties", "serverFarmId"));
        Assert.Equal("[parameters('planName')]", plan.Name);
    }

    [Fact]
    public void FunctionAppConfig_Runtime_IsDotnetIsolated10()
    {
        Assert.Equal("dotnet-isolated", App.Text("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", App.Text("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void FunctionAppConfig_Deployment_BlobContainerReadWithTheUserAssignedIdentity()
    {
        var storage = App.Property("properties", "functionAppConfig", "deployment", "storage");

        Assert.NotNull(storage);
        Assert.Equal("blobContainer", App.Text("properties", "functionAppConfig", "deployment", "storage", "type"));
        Assert.Contains(").primaryEndpoints.blob, parameters('deploymentStorageContainerName'))]", App.Text("properties", "functionAppConfig", "deployment", "storage", "value"), StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", App.Text("properties", "functionAppConfig", "deployment", "storage", "authentication", "type"));
        Assert.Equal("[parameters('identityId')]", App.Text("properties", "functionAppConfig", "deployment", "storage", "authentication", "userAssignedIdentityResourceId"));
    }

    [Fact]
    public void FunctionAppConfig_Scale_FromParametersWithDocumentedDefaults()
    {
        Assert.Equal("[parameters('instanceMemoryMB')]", App.Text("properties", "functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB"));
        Assert.Equal("[parameters('maximumInstanceCount')]", App.Text("properties", "functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount"));
        Assert.Equal("[parameters('instanceMemoryMB')]", CompiledInfra.Main.Module("api").PassedParameter("instanceMemoryMB")?.GetString());
        Assert.Equal("[parameters('maximumInstanceCount')]", CompiledInfra.Main.Module("api").PassedParameter("maximumInstanceCount")?.GetString());
        Assert.Equal(2048, CompiledInfra.Main.ParameterDefault("instanceMemoryMB")?.GetInt32());
        Assert.Equal(100, CompiledInfra.Main.ParameterDefault("maximumInstanceCount")?.GetInt32());
    }

    [Fact]
    public void FunctionApp_Identity_IsTheUserAssignedIdentityOnly()
    {
        Assert.Equal("UserAssigned", App.Text("identity", "type"));
        var identities = App.Property("identity", "userAssignedIdentities")?.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], identities);
    }

    [Fact]
    public void FunctionApp_Site_HttpsOnlyLinuxTls12()
    {
        Assert.Equal(JsonValueKind.True, App.Property("properties", "httpsOnly")?.ValueKind);
        Assert.Equal("1.2", App.Text("properties", "siteConfig", "minTlsVersion"));
    }

    [Fact]
    public void AppSettings_EveryNameTheFunctionAppReads_IsSetAndNotEmpty()
    {
        var required = RequiredAppSettings.For(InfraFiles.Repository.AppSettingsSource);
        var missing = new List<string>();
        foreach (var name in required)
        {
            // A connection named X is defined by X (a connection string) or by identity-based X__* settings; only the
            // second is allowed here (see AppSettings_KeyBasedOrFlexRejected_AreAbsent).
            if (Settings.ContainsKey(name + "__credential"))
            {
                continue;
            }

            if (Setting(name) is not { Length: > 0 })
            {
                missing.Add(name);
            }
        }

        Assert.True(InfraFiles.Repository.AppSettingsSource is not null, "FunctionApp/AppSettings.cs is missing.");
        Assert.True(missing.Count == 0, "App settings the FunctionApp needs but the function app does not set: " + string.Join(", ", missing));
    }

    [Fact]
    public void AppSettings_KeyBasedOrFlexRejected_AreAbsent()
    {
        var present = ForbiddenSettings.Where(Settings.ContainsKey).ToList();

        Assert.True(present.Count == 0, "Settings Flex Consumption rejects or that carry a key: " + string.Join(", ", present));
    }

    [Theory]
    [InlineData("blob")]
    [InlineData("queue")]
    [InlineData("table")]
    public void AppSettings_StorageServiceUri_IsTheAccountsEndpoint(string service)
    {
        var uri = Setting($"AzureWebJobsStorage__{service}ServiceUri");

        Assert.StartsWith("[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')), ", uri, StringComparison.Ordinal);
        Assert.EndsWith($").primaryEndpoints.{service}]", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_StorageCredential_IsTheManagedIdentityByClientId()
    {
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal("[parameters('identityClientId')]", Setting("AzureWebJobsStorage__clientId"));
        Assert.Equal("[parameters('identityClientId')]", Setting("AZURE_CLIENT_ID"));
    }

    [Fact]
    public void AppSettings_ApplicationInsights_AuthenticatesWithTheIdentity()
    {
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.StartsWith("[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), ", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"), StringComparison.Ordinal);
        Assert.EndsWith(").ConnectionString]", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"), StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_TaskHubDeadLettersParticipants_ComeFromMain()
    {
        var api = CompiledInfra.Main.Module("api");

        Assert.Equal("[parameters('taskHubName')]", Setting("TaskHubName"));
        Assert.Equal("[parameters('taskHubName')]", api.PassedParameter("taskHubName")?.GetString());
        Assert.Equal("SagaHub", CompiledInfra.Main.ParameterDefault("taskHubName")?.GetString());
        Assert.Equal("[parameters('deadLetterTableName')]", Setting("DeadLetters__TableName"));
        Assert.Equal("[parameters('participantsBaseUrl')]", Setting("Participants__BaseUrl"));
        Assert.Matches(ArmExpression.ModuleOutput("participants", "url"), api.PassedParameter("participantsBaseUrl")?.GetString());
    }

    [Theory]
    [InlineData("ChoreographyPaymentsQueue", "payments")]
    [InlineData("ChoreographyInventoryQueue", "inventory")]
    [InlineData("ChoreographyShippingQueue", "shipping")]
    [InlineData("ChoreographyNotificationsQueue", "notifications")]
    public void AppSettings_ChoreographyQueue_IsTheStorageModulesQueue(string setting, string service)
    {
        Assert.Equal($"[parameters('choreographyQueueNames').{service}]", Setting(setting));
        Assert.Equal("[parameters('choreographyTableName')]", Setting("Choreography__TableName"));
    }
}
