using System.Net;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class MonitorTests : IAsyncLifetime
{
    private ContractHost _host = null!;

    public async Task InitializeAsync() => _host = await ContractHost.StartAsync(apiKey: "secret");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/monitor")]
    [InlineData("/monitor/sagas/order/o-1")]
    public async Task Monitor_Page_IsHtmlWithoutTheApiKeyAndLoadsOnlyItsOwnAssets(string path)
    {
        var response = await _host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/monitor/assets/monitor.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("monitor.js", "text/javascript")]
    [InlineData("monitor.css", "text/css")]
    public async Task MonitorAsset_Known_IsServedWithItsContentType(string name, string mediaType)
    {
        var response = await _host.Client.GetAsync($"/monitor/assets/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("https://", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope.js")]
    [InlineData("SagaFunctions.Http.dll")]
    [InlineData("..%2Fmonitor.js")]
    public async Task MonitorAsset_Unknown_Is404(string name)
    {
        var response = await _host.Client.GetAsync($"/monitor/assets/{name}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MonitorScript_SendsTheStoredApiKeyAndAsksForItOn401()
    {
        var script = await _host.Client.GetStringAsync("/monitor/assets/monitor.js");

        Assert.Contains("headers['X-Api-Key'] = key", script, StringComparison.Ordinal);
        Assert.Contains("response.status === 401", script, StringComparison.Ordinal);
        Assert.Contains("sessionStorage", script, StringComparison.Ordinal);
        // The API behind it still needs the key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync("/api/sagas")).StatusCode);
    }
}
