using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone;
using SagaFunctions.Standalone.RuntimeHosting;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// Standalone as a user runs it (Kestrel on a loopback port, participants under <c>/participants</c>, the embedded
/// runtime on SQLite in a temporary folder), with a virtual clock for the runtime: the one test-only override. Also
/// linked into <c>tests/Standalone.CrashHost</c>, the child process the crash matrix kills.
/// </summary>
internal sealed class EmbeddedEngine : ISagaEngine
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly VirtualClock _clock;
    private readonly string _dataDirectory;
    private readonly bool _ownsDataDirectory;

    private EmbeddedEngine(WebApplication app, VirtualClock clock, string dataDirectory, bool ownsDataDirectory)
    {
        _app = app;
        _clock = clock;
        _dataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string Name => "embedded";

    private EmbeddedRuntime Runtime => _app.Services.GetRequiredService<EmbeddedRuntime>();

    public static Task<EmbeddedEngine> StartAsync() => StartAsync(new Dictionary<string, string?>());

    /// <summary>
    /// Starts Standalone with extra configuration <paramref name="settings"/> (e.g. <c>Participants:Client:Timeout</c>,
    /// startup faults); on <paramref name="dataDirectory"/> when given (kept on dispose: a crash test recovers from it),
    /// otherwise a fresh temporary folder; <paramref name="hooks"/> go to the embedded runtime.
    /// </summary>
    public static async Task<EmbeddedEngine> StartAsync(IReadOnlyDictionary<string, string?> settings, string? dataDirectory = null, FaultHooks? hooks = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "saga-scenarios-" + Guid.NewGuid().ToString("N"));
        var clock = new VirtualClock();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["Standalone:DataDirectory"] = dataDirectory;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStandalone();
        builder.Services.AddSingleton<IRuntimeClock>(clock);
        if (hooks is not null)
        {
            builder.Services.AddSingleton(hooks);
        }

        var app = builder.Build();
        app.MapStandalone();
        await app.StartAsync();
        return new EmbeddedEngine(app, clock, dataDirectory, owns);
    }

    public async Task<HttpAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return new HttpAnswer(
            (int)response.StatusCode,
            response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpAnswer> SendRawAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        return await RawHttp.SendAsync(_http, method, pathAndQuery, body, contentType, headers);
    }

    public Task IdleAsync() => Runtime.Runtime.WaitForIdleAsync();

    public async Task<bool> AdvanceAsync()
    {
        await IdleAsync();
        await _clock.AdvanceAsync(TimeSpan.FromHours(6));
        await IdleAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDataDirectory)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
