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

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public async Task Start_ParticipantClientTimeoutOutOfRange_FailsNamingTheKey(string timeout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "standalone-timeout-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Standalone:DataDirectory"] = folder;
        builder.Configuration["Participants:Client:Timeout"] = timeout;
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddStandalone();
        await using var app = builder.Build();
        app.MapStandalone();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Participants:Client:Timeout", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
