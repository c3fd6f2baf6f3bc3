namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>FunctionApp's monitor functions, reached through the HTTP routing of the scenario engine (the Functions host's templates).</summary>
public sealed class MonitorRoutingTests
{
    [Fact]
    public async Task MonitorFunctions_PageSagaPageAndAssets_AnswerTheSharedAssetsUnderTheApiPrefix()
    {
        await using var engine = await DurableEngine.StartAsync();

        var page = await engine.SendAsync(HttpMethod.Get, "/api/monitor");
        var sagaPage = await engine.SendAsync(HttpMethod.Get, "/api/monitor/sagas/order/o-1");
        var script = await engine.SendAsync(HttpMethod.Get, "/api/monitor/assets/monitor.js");
        var missing = await engine.SendAsync(HttpMethod.Get, "/api/monitor/assets/nope.js");

        Assert.Equal((200, "text/html"), (page.Status, page.ContentType));
        Assert.Contains("src=\"/api/monitor/assets/monitor.js\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(page.Body, sagaPage.Body);
        Assert.Equal((200, "text/javascript"), (script.Status, script.ContentType));
        Assert.Equal(Http.MonitorAssets.Read("monitor.js"), script.Body);
        Assert.Equal(404, missing.Status);
    }
}
