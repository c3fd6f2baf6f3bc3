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
    public async Task WithApiKey_CallersWithoutTheKeyGet401OnMutationsButCanRead()
    {
        using var anonymous = Factory.CreateClient();

        await ProblemAsync(await anonymous.PostAsync("/api/sagas/order", Json("{}")), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"charge","mode":"permanent"}""")), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/participants/accounts/ACC-001")).StatusCode);
        Assert.Equal(JsonValueKind.Array, (await JsonAsync(await anonymous.GetAsync("/api/sagas"), HttpStatusCode.OK)).GetProperty("items").ValueKind);
    }
}
