using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SagaFunctions.Standalone.Tests.Docs;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.Browser;

/// <summary>
/// A real Standalone on Kestrel (fresh data folder, real clock) and headless Chromium driven by Playwright, shared by the
/// monitor's browser tests. Besides the app's own declarative sagas it serves those of <c>Browser/Definitions</c>
/// (<c>hourly-retry</c>: a step whose backoff is an hour, so only "Retry now" runs it again during a test).
/// Screenshots go to <c>tests/Standalone.Tests/TestResults/monitor/</c>.
/// </summary>
public sealed class MonitorBrowserFixture : IAsyncLifetime
{
    private readonly TempDirectory _definitions = new();
    private readonly ReadmeApp _app;
    private IPlaywright? _playwright;

    public MonitorBrowserFixture()
    {
        var sources = new[] { Path.Combine(AppContext.BaseDirectory, "definitions"), Path.Combine(ProjectDirectory(), "Browser", "Definitions") };
        foreach (var file in sources.SelectMany(folder => Directory.GetFiles(folder, "*.json")))
        {
            File.Copy(file, Path.Combine(_definitions.Path, Path.GetFileName(file)), overwrite: true);
        }

        _app = new ReadmeApp(["--Sagas:DefinitionsPath", _definitions.Path]);
    }

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string BaseUrl => _app.BaseUrl;

    /// <summary>Where the screenshots are written (the test project's TestResults folder).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(ProjectDirectory(), "TestResults", "monitor");

    public async Task InitializeAsync()
    {
        await Chromium.EnsureInstalledAsync();
        // A generous bound for every expectation: pages wait for real retries (seconds), never for a fixed time.
        Assertions.SetDefaultExpectTimeout(60_000);
        await _app.InitializeAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        await _app.DisposeAsync();
        _definitions.Dispose();
    }

    /// <summary>A new page (its own context: no key or storage shared between tests) at 1280×900.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>Starts a saga through the API with the given instance id.</summary>
    public async Task StartAsync(string saga, string instanceId, object request)
    {
        using var response = await Http.PostAsJsonAsync($"/api/sagas/{saga}/{instanceId}", request);
        Assert.True(response.IsSuccessStatusCode, $"Start {saga}/{instanceId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Adds a participant fault (<c>POST /participants/faults</c>).</summary>
    public async Task FaultAsync(object fault)
    {
        using var response = await Http.PostAsJsonAsync("/participants/faults", fault);
        Assert.True(response.IsSuccessStatusCode, $"Fault: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync("/participants/faults");
        Assert.True(response.IsSuccessStatusCode, $"Clear faults: {(int)response.StatusCode}");
    }

    /// <summary>Polls the saga view until the instance has finished (bounded: fails after <paramref name="attempts"/> polls).</summary>
    public async Task<JsonElement> FinishedViewAsync(string saga, string instanceId, int attempts = 300)
    {
        for (var i = 0; i < attempts; i++)
        {
            var view = await Http.GetFromJsonAsync<JsonElement>($"/api/sagas/{saga}/{instanceId}");
            if (view.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                return view;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{saga}/{instanceId} did not finish.");
        return default;
    }

    /// <summary>A full-page screenshot in <see cref="ScreenshotDirectory"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SagaFunctions.Standalone.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
