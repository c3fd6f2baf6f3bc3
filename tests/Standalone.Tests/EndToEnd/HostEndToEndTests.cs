using System.Net;
using System.Text.Json;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

public sealed class HostEndToEndTests : EndToEndTestBase
{
    [Fact]
    public async Task Healthz_ReturnsHealthy()
    {
        var body = await GetJsonAsync("/healthz");

        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheContractRoutesAndRequestSchemas()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/sagas/order", "/api/sagas/{saga}/{instanceId}", "/api/sagas/{saga}/{instanceId}/events/{eventName}",
            "/api/sagas/{saga}/{instanceId}/cancel", "/api/sagas/{saga}/{instanceId}/retry", "/api/sagas", "/api/dead-letters", "/api/dead-letters/{id}/retry",
            "/runtime/webhooks/durabletask/instances/{instanceId}", "/healthz",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has no '{path}'");
        }

        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("OrderRequest", out _));
    }

    [Fact]
    public async Task OpenApi_NumbersAreNumbersOnly_AsTheApiReadsThem()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var amount = document.GetProperty("components").GetProperty("schemas").GetProperty("OrderRequest").GetProperty("properties").GetProperty("amount");

        Assert.Equal("number", amount.GetProperty("type").GetString());
        Assert.False(amount.TryGetProperty("pattern", out _));
    }

    [Fact]
    public async Task Participants_AreServedUnderTheSameBaseUrlWithSeedData()
    {
        var account = await GetJsonAsync("/participants/accounts/ACC-001");

        Assert.Equal(1000.00m, account.GetProperty("balance").GetDecimal());
        Assert.Equal(0, (await GetJsonAsync("/participants/inventory/ITEM-003")).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task DataFiles_AreCreatedInTheConfiguredDataDirectory()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-F","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""");
        await Factory.RunUntilFinishedAsync(id);

        Assert.True(File.Exists(Path.Combine(DataDirectory, "runtime.db")));
        Assert.True(File.Exists(Path.Combine(DataDirectory, "payments.db")));
    }

    [Fact]
    public async Task List_TokenTheRuntimeDidNotIssue_Returns400()
    {
        await ValidationAsync(await Client.GetAsync("/api/sagas?continuationToken=bm90LWEtdG9rZW4"), "continuationToken");
    }

    [Fact]
    public async Task List_PagesThroughRealRuntimeTokens()
    {
        for (var i = 0; i < 3; i++)
        {
            await StartAsync("deployment", $$"""{"deploymentId":"DEP-P{{i}}","version":"1.0.{{i}}","imageTag":"app:{{i}}"}""");
        }

        var first = await GetJsonAsync("/api/sagas?pageSize=2");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await GetJsonAsync($"/api/sagas?pageSize=2&continuationToken={Uri.EscapeDataString(token!)}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task UnknownSaga_Returns404Problem()
    {
        await ProblemAsync(await Client.PostAsync("/api/sagas/nope", Json("{}")), HttpStatusCode.NotFound);
    }
}
