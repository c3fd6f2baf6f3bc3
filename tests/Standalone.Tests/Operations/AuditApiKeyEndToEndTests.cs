using System.Net;
using SagaFunctions.Standalone.Tests.EndToEnd;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Operations;

/// <summary>With an API key configured, the audit names the caller <c>api-key</c>.</summary>
public sealed class AuditApiKeyEndToEndTests : EndToEndTestBase
{
    protected override string? ApiKey => "audit-key";

    [Fact]
    public async Task Terminate_WithApiKey_CallerIsApiKey()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-K","eventId":"EVT-001","seatIds":["A13"],"customerId":"C-1","totalAmount":40.00}""");
        await Factory.SettleAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/sagas/ticketing/{id}/terminate", Json("""{"reason":"duplicate"}"""))).StatusCode);
        var entry = Assert.Single((await GetJsonAsync($"/api/audit?instanceId={id}")).GetProperty("items").EnumerateArray());

        Assert.Equal("api-key", entry.GetProperty("caller").GetString());
        Assert.Equal("duplicate", entry.GetProperty("note").GetString());
    }
}
