using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SagaFunctions.Standalone.Tests.Composition;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_EmptyDataDirectory_FailsWithAClearMessage()
    {
        await using var app = Build(new Dictionary<string, string?> { ["Standalone:DataDirectory"] = " " });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Standalone:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public async Task Start_ParticipantClientTimeoutOutOfRange_FailsNamingTheKey(string timeout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "standalone-timeout-" + Guid.NewGuid().ToString("N"));
        await using (var app = Build(new Dictionary<string, string?> { ["Standalone:DataDirectory"] = folder, ["Participants:Client:Timeout"] = timeout }))
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("Participants:Client:Timeout", error.Message, StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Start_InvalidDefinitionFile_StopsStartupNamingTheFileAndTheJsonPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bad-definitions-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "refunds.json"), """
                {"name":"refunds","description":"d","input":{"paymentId":{"type":"id"}},
                 "steps":[{"name":"refund","call":{"service":"payments","method":"refund","body":{"chargeKey":"${steps.charge.key}"}},"compensable":false}]}
                """);
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration["Standalone:DataDirectory"] = folder;
            builder.Configuration["Sagas:DefinitionsPath"] = folder;
            builder.Logging.ClearProviders();

            var error = Assert.Throws<SagaFunctions.Sagas.Declarative.InvalidDefinitionException>(() => builder.AddStandalone());

            Assert.Contains("refunds.json: $.steps[0].call.body.chargeKey: '${steps.charge.key}' cannot be resolved: unknown step 'charge'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Built directly rather than through WebApplicationFactory: its deferred host races the failing entry point and
    // can surface an ObjectDisposedException instead of the validation error these tests are about.
    private static WebApplication Build(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddStandalone();
        var app = builder.Build();
        app.MapStandalone();
        return app;
    }
}
