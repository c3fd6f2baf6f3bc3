using System.Net;
using System.Text.Json;
using SagaFunctions.Http;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class StartSagaTests : IAsyncLifetime
{
    private const string ValidOrder = """{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":2}],"amount":99.5}""";
    private static readonly string[] PayloadKeys =
    [
        "Id", "StatusQueryGetUri", "SendEventPostUri", "TerminatePostUri", "RewindPostUri", "PurgeHistoryDeleteUri",
        "RestartPostUri", "SuspendPostUri", "ResumePostUri",
    ];

    private ContractHost _host = null!;

    public async Task InitializeAsync() => _host = await ContractHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Start_ValidBody_Returns202WithLocationAndDurableCheckStatusPayload()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order", Json(ValidOrder));

        var body = await JsonAsync(response, HttpStatusCode.Accepted);
        var id = body.GetProperty("Id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(PayloadKeys, body.EnumerateObject().Select(p => p.Name).ToArray());
        var instanceUrl = $"http://localhost/runtime/webhooks/durabletask/instances/{id}";
        Assert.Equal(instanceUrl, response.Headers.Location!.ToString());
        Assert.Equal(instanceUrl, body.GetProperty("StatusQueryGetUri").GetString());
        Assert.Equal(instanceUrl, body.GetProperty("PurgeHistoryDeleteUri").GetString());
        Assert.Equal($"{instanceUrl}/raiseEvent/{{eventName}}", body.GetProperty("SendEventPostUri").GetString());
        Assert.Equal($"{instanceUrl}/terminate?reason={{text}}", body.GetProperty("TerminatePostUri").GetString());
        Assert.Equal($"{instanceUrl}/suspend?reason={{text}}", body.GetProperty("SuspendPostUri").GetString());
        Assert.Equal($"{instanceUrl}/resume?reason={{text}}", body.GetProperty("ResumePostUri").GetString());
        Assert.Equal($"{instanceUrl}/restart", body.GetProperty("RestartPostUri").GetString());
        Assert.Equal($"{instanceUrl}/rewind?reason={{text}}", body.GetProperty("RewindPostUri").GetString());

        var started = Assert.Single(_host.Engine.Instances);
        Assert.Equal(TestSagas.OrderOrchestrator, started.Name);
        Assert.Equal(id, started.InstanceId);
        var input = JsonDocument.Parse(started.SerializedInput!).RootElement;
        Assert.Equal("ORD-1", input.GetProperty("orderId").GetString());
        Assert.Equal(2, input.GetProperty("items")[0].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Start_RouteInstanceId_UsesItAndEscapesItInUris()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order/order%20one", Json(ValidOrder));

        var body = await JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("order one", body.GetProperty("Id").GetString());
        Assert.EndsWith("/instances/order%20one", body.GetProperty("StatusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("order one", Assert.Single(_host.Engine.Instances).InstanceId);
    }

    [Fact]
    public async Task Start_NoRouteId_IgnoresBodyIdAndGeneratesDistinctIds()
    {
        var first = await JsonAsync(await _host.Client.PostAsync("/api/sagas/order", Json(ValidOrder)), HttpStatusCode.Accepted);
        var second = await JsonAsync(await _host.Client.PostAsync("/api/sagas/order", Json(ValidOrder)), HttpStatusCode.Accepted);

        Assert.NotEqual(first.GetProperty("Id").GetString(), second.GetProperty("Id").GetString());
        Assert.NotEqual("ORD-1", first.GetProperty("Id").GetString());
        Assert.Equal(2, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_ExistingInstanceId_Returns409AndStartsNothing()
    {
        await JsonAsync(await _host.Client.PostAsync("/api/sagas/order/dup-1", Json(ValidOrder)), HttpStatusCode.Accepted);

        var response = await _host.Client.PostAsync("/api/sagas/order/dup-1", Json(ValidOrder));

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("dup-1", problem.GetProperty("instanceId").GetString());
        Assert.EndsWith("/runtime/webhooks/durabletask/instances/dup-1", problem.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_UnknownSaga_Returns404ProblemNamingKnownSagas()
    {
        var response = await _host.Client.PostAsync("/api/sagas/teleport", Json(ValidOrder));

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("teleport", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("order", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_UnknownSagaWithInstanceId_Returns404()
    {
        var response = await _host.Client.PostAsync("/api/sagas/teleport/abc", Json(ValidOrder));

        await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_MalformedJson_Returns400AndStartsNothing()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order", Json("""{"orderId": "ORD-1", """));

        var problem = await ValidationAsync(response, "$");
        Assert.Contains("not valid JSON", problem.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_MissingAmount_SaysItIsRequiredNotOutOfRange()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order", Json("""{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"A","quantity":1}]}"""));

        var problem = await ValidationAsync(response, "amount");
        Assert.Equal(["'amount' is required."], problem.GetProperty("errors").GetProperty("amount").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public void MissingNumbers_RequiredNumbersAbsent_NamedInJsonCaseButOptionalOnesNot()
    {
        using var body = System.Text.Json.JsonDocument.Parse("""{"migrationId":"m","serviceId":"s","BatchCount":2}""");

        var missing = SagaRequestBinder.MissingNumbers(body.RootElement, typeof(SagaFunctions.Sagas.Migration.MigrationRequest));

        Assert.Equal(["totalRecords"], missing);
    }

    [Fact]
    public async Task Start_MissingFields_Returns400NamingEveryField()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order", Json("{}"));

        await ValidationAsync(response, "orderId", "customerId", "items", "amount");
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_NegativeNestedQuantity_NamesTheNestedFieldPath()
    {
        var body = """{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"A","quantity":1},{"sku":"B","quantity":-3}],"amount":10}""";

        var response = await _host.Client.PostAsync("/api/sagas/order", Json(body));

        var problem = await ValidationAsync(response, "items[1].quantity");
        Assert.False(problem.GetProperty("errors").TryGetProperty("items[0].quantity", out _));
    }

    [Fact]
    public async Task Start_OverlongField_Returns400NamingIt()
    {
        var body = $$"""{"orderId":"{{new string('x', 65)}}","customerId":"C-1","items":[{"sku":"A","quantity":1}],"amount":10}""";

        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order", Json(body)), "orderId");
    }

    [Fact]
    public async Task Start_WrongJsonType_Returns400NamingTheField()
    {
        var body = """{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"A","quantity":1}],"amount":{"value":3}}""";

        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order", Json(body)), "amount");
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_WrongTypeInsideArray_NamesTheElementPath()
    {
        var body = """{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"A","quantity":true}],"amount":3}""";

        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order", Json(body)), "items[0].quantity");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1,2]")]
    [InlineData("\"order\"")]
    [InlineData("null")]
    public async Task Start_EmptyOrNonObjectBody_Returns400ForTheBody(string body)
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order", Json(body)), "$");
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_OversizedBody_Returns413AndStartsNothing()
    {
        var body = $$"""{"orderId":"ORD-1","customerId":"{{new string('c', 70 * 1024)}}","items":[{"sku":"A","quantity":1}],"amount":3}""";

        var response = await _host.Client.PostAsync("/api/sagas/order", Json(body));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65536", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_OversizedChunkedBody_Returns413()
    {
        var content = new StreamContent(new MemoryStream(new byte[80 * 1024]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await _host.Client.PostAsync("/api/sagas/order", content);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_InstanceIdTooLong_Returns400NamingInstanceId()
    {
        var response = await _host.Client.PostAsync($"/api/sagas/order/{new string('i', 101)}", Json(ValidOrder));

        await ValidationAsync(response, "instanceId");
        Assert.Equal(0, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_InstanceIdWithBackslash_Returns400()
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order/a%5Cb", Json(ValidOrder)), "instanceId");
    }

    [Fact]
    public async Task Start_UsesTheRequestHostForLinks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sagas/order/linked") { Content = Json(ValidOrder) };
        request.Headers.Host = "sagas.example:8443";

        var response = await _host.Client.SendAsync(request);

        Assert.Equal("http://sagas.example:8443/runtime/webhooks/durabletask/instances/linked", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Start_JsonBodyWithoutJsonContentType_IsAccepted()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order", new StringContent(ValidOrder));

        await JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(1, _host.Engine.StartCount);
    }

    [Fact]
    public async Task Start_SagaRouteIsCaseInsensitive()
    {
        var response = await _host.Client.PostAsync("/api/sagas/ORDER/upper", Json(ValidOrder));

        await JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(TestSagas.OrderOrchestrator, Assert.Single(_host.Engine.Instances).Name);
    }
}
