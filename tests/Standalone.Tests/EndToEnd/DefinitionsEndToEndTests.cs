using System.Net;
using System.Text.Json;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Standalone.Tests.Docs;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary><c>GET /api/definitions[/{saga}]</c> over real HTTP: the Standalone app on Kestrel, as a user starts it.</summary>
public sealed class DefinitionsEndToEndTests(ReadmeApp app) : IClassFixture<ReadmeApp>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(app.BaseUrl) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ListDefinitions_Standalone_EverySagaWithItsStepsAndEvents()
    {
        var body = await JsonAsync(await _http.GetAsync("/api/definitions"), HttpStatusCode.OK);

        var items = body.GetProperty("items").EnumerateArray().ToList();
        // The C# sagas in catalog order, then the declarative ones of definitions/ (order-fulfillment).
        Assert.Equal([.. SagaCatalog.Sagas.Select(s => s.Route), "order-fulfillment"], items.Select(i => i.GetProperty("saga").GetString()));
        Assert.Equal("declarative", items[^1].GetProperty("kind").GetString());
        var order = items[0];
        Assert.Equal(
            ["ChargePayment", "ReserveInventory", "CreateShipment", "SendConfirmation"],
            order.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("RefundPayment", order.GetProperty("steps")[0].GetProperty("compensation").GetString());
        Assert.True(order.GetProperty("steps")[3].GetProperty("nonCritical").GetBoolean());
        Assert.Equal(["cancel"], order.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1", order.GetProperty("version").GetString());
    }

    [Fact]
    public async Task GetDefinition_ParallelSaga_NamesTheGroupAndTheRepeatedStep()
    {
        var batch = await JsonAsync(await _http.GetAsync("/api/definitions/batch"), HttpStatusCode.OK);

        var process = batch.GetProperty("steps")[0];
        Assert.Equal(("ProcessItem", "UndoItem", "ProcessItems"), (process.GetProperty("name").GetString(), process.GetProperty("compensation").GetString(), process.GetProperty("parallelGroup").GetString()));
        Assert.True(process.GetProperty("repeated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("steps")[1].GetProperty("parallelGroup").ValueKind);
    }

    [Fact]
    public async Task GetDefinition_UnknownSaga_404ProblemDetailsNamingIt()
    {
        var response = await _http.GetAsync("/api/definitions/nope");

        var problem = await JsonAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDefinitions_QueryParameter_400NamingIt()
    {
        await ValidationAsync(await _http.GetAsync("/api/definitions?kind=code"), "kind");
    }

    [Fact]
    public async Task OpenApi_Standalone_DescribesTheDefinitionRoutesAndSchema()
    {
        var document = await JsonAsync(await _http.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/definitions", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/definitions/{saga}", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("SagaDefinition", out _));
    }
}
