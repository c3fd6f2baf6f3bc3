using System.Net;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class ApiKeyTests
{
    private const string Order = """{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":5}""";

    [Fact]
    public async Task NoKeyConfigured_MutatingRoutesAreOpen()
    {
        await using var host = await ContractHost.StartAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostAsync("/api/sagas/order", Json(Order))).StatusCode);
    }

    [Fact]
    public async Task KeyConfigured_StartWithoutHeader_Returns401AndStartsNothing()
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");

        var problem = await ProblemAsync(await host.Client.PostAsync("/api/sagas/order", Json(Order)), HttpStatusCode.Unauthorized);

        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Engine.StartCount);
    }

    [Fact]
    public async Task KeyConfigured_WrongKey_Returns401()
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sagas/order") { Content = Json(Order) };
        request.Headers.Add("X-Api-Key", "s3cre");

        await ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.Unauthorized);
        Assert.Equal(0, host.Engine.StartCount);
    }

    [Fact]
    public async Task KeyConfigured_RightKey_Starts()
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sagas/order") { Content = Json(Order) };
        request.Headers.Add("X-Api-Key", "s3cret");

        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Equal(1, host.Engine.StartCount);
    }

    [Fact]
    public async Task KeyConfigured_ReadsNeedItToo()
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");
        host.Engine.Seed("o-1", TestSagas.OrderOrchestrator, input: new { customerId = "C-secret" });

        foreach (var path in new[] { "/api/sagas/order/o-1", "/api/sagas", "/api/sagas/order", "/api/dead-letters", "/runtime/webhooks/durabletask/instances/o-1" })
        {
            var response = await host.Client.GetAsync(path);
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.DoesNotContain("C-secret", problem.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeyConfiguredWithOpenReads_ReadsAreOpenButWritesAreNot()
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret", openReads: true);
        host.Engine.Seed("o-1", TestSagas.OrderOrchestrator);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/sagas/order/o-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/sagas")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.GetAsync("/runtime/webhooks/durabletask/instances/o-1")).StatusCode);
        await ProblemAsync(await host.Client.PostAsync("/api/sagas/order", Json(Order)), HttpStatusCode.Unauthorized);
        Assert.Equal(0, host.Engine.StartCount);
    }

    [Theory]
    [InlineData("POST", "/api/dead-letters/a%3Ab/resolve")]
    [InlineData("POST", "/api/sagas/order/o-1/cancel")]
    [InlineData("DELETE", "/runtime/webhooks/durabletask/instances/o-1")]
    [InlineData("POST", "/runtime/webhooks/durabletask/instances/o-1/terminate")]
    [InlineData("POST", "/participants/faults")]
    [InlineData("DELETE", "/participants/faults")]
    public async Task KeyConfigured_EveryMutatingRouteNeedsIt(string method, string path)
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");
        host.Engine.Seed("o-1", TestSagas.OrderOrchestrator);

        var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(host.Engine.Events);
        Assert.Empty(host.Engine.Terminations);
    }
}
