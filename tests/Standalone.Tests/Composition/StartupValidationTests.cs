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
}
