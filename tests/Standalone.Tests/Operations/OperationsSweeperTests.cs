using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Standalone.Operations;
using SagaFunctions.Standalone.Tests.EndToEnd;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Operations;

/// <summary>
/// Standalone's sweeper on the real app (virtual time): finished sagas past their retention are purged with their
/// history, running ones and young ones stay; resolved dead letters past theirs are deleted, open ones kept; an open
/// dead letter past its SLA is escalated once, through the notifications participant.
/// </summary>
public sealed class OperationsSweeperTests : EndToEndTestBase
{
    private const string Order = """{"orderId":"ORD-R","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""";
    private const string FailingOrder = """{"orderId":"ORD-E","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":30.00}""";

    private OperationsSweeper Sweeper => Factory.Services.GetRequiredService<OperationsSweeper>();

    [Fact]
    public async Task SweepOnceAsync_FinishedSagaOlderThanRetention_PurgedWithItsHistory()
    {
        var old = await StartAsync("order", Order);
        await FinishAsync("order", old);
        await Factory.Clock.AdvanceAsync(TimeSpan.FromDays(31));
        var young = await StartAsync("order", Order.Replace("ORD-R", "ORD-Y", StringComparison.Ordinal));
        await FinishAsync("order", young);
        var waiting = await StartAsync("ticketing", """{"bookingId":"BK-R","eventId":"EVT-001","seatIds":["A14"],"customerId":"C-1","totalAmount":40.00}""");
        await Factory.SettleAsync();

        var result = await Sweeper.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.PurgedSagas);
        await ProblemAsync(await Client.GetAsync($"/api/sagas/order/{old}"), HttpStatusCode.NotFound);
        Assert.Null(await Factory.Runtime.Client.GetStatusAsync(old));
        await ViewAsync("order", young);
        await ViewAsync("ticketing", waiting);
    }

    [Fact]
    public async Task SweepOnceAsync_OpenDeadLetterPastItsSla_EscalatedOnceThroughNotifications()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        var id = await StartAsync("order", FailingOrder);
        await FinishAsync("order", id);
        var letterId = Uri.EscapeDataString($"{id}:ChargePayment");

        var early = await Sweeper.SweepOnceAsync(CancellationToken.None);
        await Factory.Clock.AdvanceAsync(TimeSpan.FromHours(5));
        var due = await Sweeper.SweepOnceAsync(CancellationToken.None);
        var again = await Sweeper.SweepOnceAsync(CancellationToken.None);

        Assert.Empty(early.Escalated);
        Assert.Equal($"{id}:ChargePayment", Assert.Single(due.Escalated));
        Assert.Empty(again.Escalated);
        var letter = await GetJsonAsync($"/api/dead-letters/{letterId}");
        Assert.Equal("open", letter.GetProperty("status").GetString());
        Assert.Equal(Factory.Clock.UtcNow, letter.GetProperty("escalatedAt").GetDateTime());
        var messages = (await GetJsonAsync("/participants/notifications/outbox")).GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("subject").GetString()!.Contains(id, StringComparison.Ordinal)).ToList();
        var message = Assert.Single(messages);
        Assert.Equal("operations@example.com", message.GetProperty("to").GetString());
        Assert.Contains("RefundPayment", message.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepOnceAsync_ResolvedDeadLetterPastItsRetention_DeletedAndOpenOnesKept()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        var resolved = await StartAsync("order", FailingOrder);
        var open = await StartAsync("order", FailingOrder.Replace("ORD-E", "ORD-O", StringComparison.Ordinal));
        await FinishAsync("order", resolved);
        await FinishAsync("order", open);
        await JsonAsync(await Client.PostAsync($"/api/dead-letters/{Uri.EscapeDataString($"{resolved}:ChargePayment")}/resolve", null), HttpStatusCode.OK);

        // The resolution is stamped by the host's clock (today); the runtime's virtual clock is in 2030, far past 90 days.
        var result = await Sweeper.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.PurgedDeadLetters);
        await ProblemAsync(await Client.GetAsync($"/api/dead-letters/{Uri.EscapeDataString($"{resolved}:ChargePayment")}"), HttpStatusCode.NotFound);
        Assert.Equal("open", (await GetJsonAsync($"/api/dead-letters/{Uri.EscapeDataString($"{open}:ChargePayment")}")).GetProperty("status").GetString());
    }
}
