using System.Text.Json;
using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>The participant services: one Linux .NET 10 web app on a single-instance App Service plan, data under /home.</summary>
public class ParticipantsTests
{
    private static ArmResource App => CompiledInfra.Site("app,linux");

    private static string? Setting(string name) =>
        App.AppSettings().TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public void WebApp_SiteConfig_LinuxDotnet10HttpsOnlyWithHealthCheck()
    {
        Assert.Equal("DOTNETCORE|10.0", App.Text("properties", "siteConfig", "linuxFxVersion"));
        Assert.Equal(JsonValueKind.True, App.Property("properties", "httpsOnly")?.ValueKind);
        Assert.Equal("/healthz", App.Text("properties", "siteConfig", "healthCheckPath"));
        Assert.Equal("Disabled", App.Text("properties", "siteConfig", "ftpsState"));
        Assert.Equal("1.2", App.Text("properties", "siteConfig", "minTlsVersion"));
    }

    [Fact]
    public void WebApp_AppSettings_SqliteOnPersistentHomeWithRollbackJournal()
    {
        Assert.Equal("true", Setting("WEBSITES_ENABLE_APP_SERVICE_STORAGE"));
        Assert.Equal("[parameters('dataDirectory')]", Setting("Participants__DataDirectory"));
        Assert.Equal("/home/data/participants", App.Template.LiteralParameter("dataDirectory"));
        Assert.Equal("DELETE", Setting("Participants__JournalMode"));
    }

    [Fact]
    public void Plan_Participants_LinuxOneInstanceB1ByDefault()
    {
        var plan = CompiledInfra.Main.OfType("Microsoft.Web/serverfarms").Single(p => p.Template == App.Template);

        Assert.Equal(JsonValueKind.True, plan.Property("properties", "reserved")?.ValueKind);
        Assert.Equal(1, plan.Property("sku", "capacity")?.GetInt32());
        Assert.Equal("[parameters('skuName')]", plan.Text("sku", "name"));
        Assert.Equal("[parameters('participantsSkuName')]", CompiledInfra.Main.Module("participants").PassedParameter("skuName")?.GetString());
        Assert.Equal("B1", CompiledInfra.Main.ParameterDefault("participantsSkuName")?.GetString());
    }

    [Fact]
    public void Plan_EveryAllowedSku_HasATier()
    {
        var allowed = CompiledInfra.Main.Parameters["participantsSkuName"].GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();
        var tiers = App.Template.Variables["skuTiers"].EnumerateObject().Select(p => p.Name).ToList();
        var moduleAllowed = App.Template.Parameters["skuName"].GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();

        Assert.NotEmpty(allowed);
        Assert.Equal(allowed, moduleAllowed);
        Assert.All(allowed, sku => Assert.Contains(sku, tiers));
    }

    [Fact]
    public void Url_Output_IsHttpsOfTheDefaultHostName()
    {
        var url = App.Template.Outputs["url"].GetProperty("value").GetString();

        Assert.StartsWith("[format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('name')), ", url, StringComparison.Ordinal);
        Assert.EndsWith(").defaultHostName)]", url, StringComparison.Ordinal);
    }
}
