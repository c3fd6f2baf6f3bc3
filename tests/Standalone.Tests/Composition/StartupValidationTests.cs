using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SagaFunctions.Standalone.Tests.Composition;

public sealed class StartupValidationTests
{
    // Built directly rather than through WebApplicationFactory: its deferred host races the failing entry point and
    // can surface an ObjectDisposedException instead of the validation error this test is about.
    [Fact]
    public async Task Start_EmptyDataDirectory_FailsWithAClearMessage()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Standalone:DataDirectory"] = " ";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddStandalone();
        await using var app = builder.Build();
        app.MapStandalone();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Standalone:DataDirectory", error.Message, StringComparison.Ordinal);
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
}
