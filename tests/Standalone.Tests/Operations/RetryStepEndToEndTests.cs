using System.Net;
using SagaFunctions.Standalone.Tests.EndToEnd;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Operations;

/// <summary>
/// <c>POST /api/sagas/{saga}/{id}/retry</c>: a step waiting out its retry backoff makes its next attempt at once (the
/// virtual clock never moves, so only the route can end the wait); 409 when nothing retries, 404 unknown, 410 finished.
/// </summary>
public sealed class RetryStepEndToEndTests : EndToEndTestBase
{
    private const string Order = """{"orderId":"ORD-RN","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":30.00}""";
    private const string Ticket = """{"bookingId":"BK-RN","eventId":"EVT-001","seatIds":["A12"],"customerId":"C-1","totalAmount":40.00}""";

    [Fact]
    public async Task RetryStep_ChargeInItsBackoff_RunsTheNextAttemptNowAndIsAudited()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"charge","mode":"transient","count":1}""")), HttpStatusCode.Created);
        var id = await StartAsync("order", Order);
        var waiting = await SettleAsync("order", id);
        var before = Factory.Clock.UtcNow;
        var retry = Assert.Single(waiting.GetProperty("retries").EnumerateArray());
        Assert.Equal(("ChargePayment", 1), (retry.GetProperty("step").GetString(), retry.GetProperty("attempt").GetInt32()));

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/sagas/order/{id}/retry", Json("""{"note":"gateway is back"}"""))).StatusCode);
        var view = await SettleAsync("order", id);

        Assert.Equal(("Completed", "completed"), (view.GetProperty("runtimeStatus").GetString(), view.GetProperty("status").GetString()));
        Assert.Equal(before, Factory.Clock.UtcNow);
        Assert.Contains(view.GetProperty("progress").GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "retry_requested");
        var entry = Assert.Single(view.GetProperty("audit").EnumerateArray());
        Assert.Equal(("retry_step", "step ChargePayment attempt 2: gateway is back"), (entry.GetProperty("action").GetString(), entry.GetProperty("note").GetString()));
        await ProblemAsync(await Client.PostAsync($"/api/sagas/order/{id}/retry", null), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task RetryStep_NotRetryingUnknownOrBadBody_AnswersProblemsAndRecordsNothing()
    {
        var id = await StartAsync("ticketing", Ticket);
        await SettleAsync("ticketing", id);

        var conflict = await ProblemAsync(await Client.PostAsync($"/api/sagas/ticketing/{id}/retry", null), HttpStatusCode.Conflict);
        await ValidationAsync(await Client.PostAsync($"/api/sagas/ticketing/{id}/retry", Json("""{"reason":"x"}""")), "reason");
        await ProblemAsync(await Client.PostAsync("/api/sagas/ticketing/never-started/retry", null), HttpStatusCode.NotFound);

        Assert.Contains("not waiting to retry", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await GetJsonAsync($"/api/audit?instanceId={id}")).GetProperty("items").EnumerateArray());
        Assert.Equal("waiting", (await ViewAsync("ticketing", id)).GetProperty("phase").GetString());
    }
}
