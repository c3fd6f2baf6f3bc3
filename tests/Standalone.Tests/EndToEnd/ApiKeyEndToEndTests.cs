using System.Net;
using System.Text.Json;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

public sealed class ApiKeyEndToEndTests : EndToEndTestBase
{
    protected override string? ApiKey => "e2e-key";

    [Fact]
    public async Task WithApiKey_SagasStillReachTheParticipantsAndComplete()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-K","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""");

        var view = await FinishAsync("order", id);

        Assert.Equal("completed", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task WithApiKey_CallersWithoutTheKeyGet401OnEverythingButHealthz()
    {
        using var anonymous = Factory.CreateClient();

        await ProblemAsync(await anonymous.PostAsync("/api/sagas/order", Json("{}")), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"charge","mode":"permanent"}""")), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/participants/accounts/ACC-001"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/api/sagas"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/api/dead-letters"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(JsonValueKind.Array, (await JsonAsync(await Client.GetAsync("/api/sagas"), HttpStatusCode.OK)).GetProperty("items").ValueKind);
    }
}
