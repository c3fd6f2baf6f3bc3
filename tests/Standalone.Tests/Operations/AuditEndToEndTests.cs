using System.Net;
using System.Text.Json;
using SagaFunctions.Standalone.Tests.EndToEnd;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Operations;

/// <summary>Every operator action is kept as an audit entry: served at GET /api/audit and on the saga and dead-letter views.</summary>
public sealed class AuditEndToEndTests : EndToEndTestBase
{
    private const string Ticket = """{"bookingId":"BK-A","eventId":"EVT-001","seatIds":["A11"],"customerId":"C-1","totalAmount":40.00}""";
    private const string FailingOrder = """{"orderId":"ORD-AU","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":30.00}""";

    [Fact]
    public async Task Cancel_RecordsAnEntryOnTheAuditRouteAndTheSagaView()
    {
        var id = await StartAsync("ticketing", Ticket);
        await SettleAsync("ticketing", id);

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/sagas/ticketing/{id}/cancel", Json("""{"reason":"customer called"}"""))).StatusCode);
        var view = await FinishAsync("ticketing", id);
        var audit = await GetJsonAsync($"/api/audit?instanceId={id}");

        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("cancel", "ticketing", id, "customer called"), (Str(entry, "action"), Str(entry, "saga"), Str(entry, "instanceId"), Str(entry, "note")));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("caller").ValueKind);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("deadLetterId").ValueKind);
        Assert.Equal(Str(entry, "id"), Str(Assert.Single(view.GetProperty("audit").EnumerateArray()), "id"));
    }

    [Fact]
    public async Task RefusedActions_RecordNothing()
    {
        var id = await StartAsync("ticketing", Ticket);
        await SettleAsync("ticketing", id);
        await ProblemAsync(await Client.PostAsync($"/api/sagas/ticketing/{id}/cancel", Json("""{"reason":7}""")), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.PostAsync("/api/sagas/ticketing/nope/terminate", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/sagas/ticketing/{id}/terminate?reason=test", null)).StatusCode);
        await Factory.RunUntilFinishedAsync(id);
        await ProblemAsync(await Client.PostAsync($"/api/sagas/ticketing/{id}/cancel", null), HttpStatusCode.Gone);

        var items = (await GetJsonAsync("/api/audit")).GetProperty("items").EnumerateArray().ToList();

        var entry = Assert.Single(items);
        Assert.Equal(("terminate", "test"), (Str(entry, "action"), Str(entry, "note")));
    }

    [Fact]
    public async Task DeadLetterRetryAndResolve_RecordedWithTheDeadLetterNewestFirst()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        var id = await StartAsync("order", FailingOrder);
        await FinishAsync("order", id);
        var letterId = $"{id}:ChargePayment";
        var escaped = Uri.EscapeDataString(letterId);

        var retry = await JsonAsync(await Client.PostAsync($"/api/dead-letters/{escaped}/retry", null), HttpStatusCode.Accepted);
        await Factory.RunUntilFinishedAsync(retry.GetProperty("Id").GetString()!);
        await JsonAsync(await Client.PostAsync($"/api/dead-letters/{escaped}/resolve", Json("""{"note":"refunded by hand"}""")), HttpStatusCode.OK);

        var byLetter = (await GetJsonAsync($"/api/audit?deadLetterId={escaped}")).GetProperty("items").EnumerateArray().ToList();
        var letterView = await GetJsonAsync($"/api/dead-letters/{escaped}");
        var resolves = (await GetJsonAsync("/api/audit?action=dead_letter_resolve")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["dead_letter_resolve", "dead_letter_retry"], byLetter.Select(e => Str(e, "action")));
        Assert.All(byLetter, e => Assert.Equal((letterId, id), (Str(e, "deadLetterId"), Str(e, "instanceId"))));
        Assert.Equal("refunded by hand", Str(byLetter[0], "note"));
        Assert.Equal(byLetter.Select(e => Str(e, "id")), letterView.GetProperty("audit").EnumerateArray().Select(e => Str(e, "id")));
        Assert.Equal(Str(byLetter[0], "id"), Str(Assert.Single(resolves), "id"));
    }

    [Theory]
    [InlineData("?action=explode", "action")]
    [InlineData("?colour=red", "colour")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "from")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?instanceId=a%0Ab", "instanceId")]
    public async Task List_BadFilter_Is400NamingIt(string query, string field)
    {
        var problem = await ProblemAsync(await Client.GetAsync("/api/audit" + query), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task List_TimeRangeAndLimit_FilterTheEntries()
    {
        var first = await StartAsync("ticketing", Ticket);
        var second = await StartAsync("ticketing", Ticket.Replace("A11", "A12", StringComparison.Ordinal));
        await Factory.SettleAsync();
        await Client.PostAsync($"/api/sagas/ticketing/{first}/terminate", null);
        await Client.PostAsync($"/api/sagas/ticketing/{second}/terminate", null);

        var limited = (await GetJsonAsync("/api/audit?limit=1")).GetProperty("items").EnumerateArray().ToList();
        var all = (await GetJsonAsync("/api/audit?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")).GetProperty("items").EnumerateArray().ToList();
        var none = (await GetJsonAsync("/api/audit?to=2000-01-01T00:00:00Z")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(second, Str(Assert.Single(limited), "instanceId"));
        Assert.Equal([second, first], all.Select(e => Str(e, "instanceId")));
        Assert.Empty(none);
    }

    private static string? Str(JsonElement element, string name) => element.GetProperty(name).GetString();
}
