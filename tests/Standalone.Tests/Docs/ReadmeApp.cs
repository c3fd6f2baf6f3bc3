using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.Docs;

/// <summary>The Standalone app as a user starts it: real Kestrel on a free loopback port, a fresh data folder.</summary>
public sealed class ReadmeApp : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly string? _apiKey;
    private readonly string[] _settings = [];
    private WebApplication? _app;

    public ReadmeApp()
    {
    }

    /// <summary>The app with <c>Standalone:ApiKey</c> set (the browser tests' key prompt).</summary>
    internal ReadmeApp(string apiKey) => _apiKey = apiKey;

    /// <summary>The app with more command-line settings (e.g. <c>--Sagas:DefinitionsPath</c>).</summary>
    internal ReadmeApp(IEnumerable<string> settings) => _settings = [.. settings];

    /// <summary>The base URL the README's blocks get as <c>BASE</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0", "--Standalone:DataDirectory", _directory.Path, .. (_apiKey is null ? Array.Empty<string>() : ["--Standalone:ApiKey", _apiKey]), .. _settings],
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.AddStandalone();
        _app = builder.Build();
        _app.MapStandalone();
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _directory.Dispose();
    }
}
