namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>FunctionApp's monitor functions, reached through the HTTP routing of the scenario engine (the Functions host's templates under host.json's prefix).</summary>
public sealed class MonitorRoutingTests
{
    [Fact]
    public async Task MonitorFunctions_PageSagaPageAndAssets_AnswerTheSharedAssetsAtMonitor()
    {
        await using var engine = await DurableEngine.StartAsync();

        var page = await engine.SendAsync(HttpMethod.Get, "/monitor");
        var sagaPage = await engine.SendAsync(HttpMethod.Get, "/monitor/sagas/order/o-1");
        var script = await engine.SendAsync(HttpMethod.Get, "/monitor/assets/monitor.js");
        var missing = await engine.SendAsync(HttpMethod.Get, "/monitor/assets/nope.js");

        Assert.Equal((200, "text/html"), (page.Status, page.ContentType));
        Assert.Equal(Http.MonitorAssets.Read(Http.MonitorAssets.PageName), page.Body);
        Assert.Contains("src=\"/monitor/assets/monitor.js\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(page.Body, sagaPage.Body);
        Assert.Equal((200, "text/javascript"), (script.Status, script.ContentType));
        Assert.Equal(Http.MonitorAssets.Read("monitor.js"), script.Body);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task LegacyMonitorRedirect_OldApiMonitorUrls_MovePermanentlyToTheSamePathUnderMonitor()
    {
        await using var engine = await DurableEngine.StartAsync();

        var page = await engine.SendAsync(HttpMethod.Get, "/api/monitor");
        var sagaPage = await engine.SendAsync(HttpMethod.Get, "/api/monitor/sagas/order/o-1?tab=timeline");

        Assert.Equal((301, "/monitor"), (page.Status, page.Location));
        Assert.Equal((301, "/monitor/sagas/order/o-1?tab=timeline"), (sagaPage.Status, sagaPage.Location));
    }

    [Fact]
    public async Task ApiFunctions_EmptyHostPrefix_StayUnderApiAndNowhereElse()
    {
        await using var engine = await DurableEngine.StartAsync();

        var definitions = await engine.SendAsync(HttpMethod.Get, "/api/definitions");
        var unprefixed = await engine.SendAsync(HttpMethod.Get, "/definitions");

        Assert.Equal((200, "application/json"), (definitions.Status, definitions.ContentType));
        Assert.Equal(404, unprefixed.Status);
    }
}
