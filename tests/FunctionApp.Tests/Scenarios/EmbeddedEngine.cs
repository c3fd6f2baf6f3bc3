using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone;
using SagaFunctions.Standalone.Runtime;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// Standalone as a user runs it (Kestrel on a loopback port, participants under <c>/participants</c>, the embedded
/// runtime on SQLite in a temporary folder), with a virtual clock for the runtime: the one test-only override.
/// </summary>
internal sealed class EmbeddedEngine : ISagaEngine
{
    private readonly WebApplication app;
    private readonly HttpClient http;
    private readonly VirtualClock clock;
    private readonly string dataDirectory;

    private EmbeddedEngine(WebApplication app, VirtualClock clock, string dataDirectory)
    {
        this.app = app;
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string Name => "embedded";

    private EmbeddedRuntime Runtime => app.Services.GetRequiredService<EmbeddedRuntime>();

    public static async Task<EmbeddedEngine> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "saga-scenarios-" + Guid.NewGuid().ToString("N"));
        var clock = new VirtualClock();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["Standalone:DataDirectory"] = dataDirectory;
        builder.AddStandalone();
        builder.Services.AddSingleton<IRuntimeClock>(clock);
        var app = builder.Build();
        app.MapStandalone();
        await app.StartAsync();
        return new EmbeddedEngine(app, clock, dataDirectory);
    }

    public async Task<HttpAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return new HttpAnswer(
            (int)response.StatusCode,
            response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpAnswer> SendRawAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        return await RawHttp.SendAsync(http, method, pathAndQuery, body, contentType, headers);
    }

    public Task IdleAsync() => Runtime.Runtime.WaitForIdleAsync();

    public async Task<bool> AdvanceAsync()
    {
        await IdleAsync();
        await clock.AdvanceAsync(TimeSpan.FromHours(6));
        await IdleAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
