using System.Net;
using System.Text.Json;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>The order saga as a choreography, through real HTTP: outcomes, the event trail, compensation by events, poison messages.</summary>
public sealed class ChoreographyEndToEndTests : EndToEndTestBase
{
    private static string Order(string sku = "ITEM-001", int quantity = 2, decimal amount = 99.99m) =>
        $$"""{"orderId":"ORD-C","customerId":"C-1","items":[{"sku":"{{sku}}","quantity":{{quantity}}}],"amount":{{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""";

    [Fact]
    public async Task Start_EveryServiceSucceeds_CompletedWithTheWholeTrail()
    {
        var (id, statusUri) = await StartAsync(Order());

        var result = await FinishedAsync(id);

        Assert.EndsWith($"/api/choreographies/order/{id}", statusUri, StringComparison.Ordinal);
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryReserved", "ShipmentCreated", "ConfirmationSent", "OrderCompleted"], Types(result));
        Assert.Equal(["orders", "payments", "inventory", "shipping", "notifications", "orders"], Services(result));
        Assert.Equal(98, (await GetJsonAsync("/participants/inventory/ITEM-001")).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Start_OutOfStock_PaymentRefundedByEventsAndCompensated()
    {
        var (id, _) = await StartAsync(Order(sku: "ITEM-003", quantity: 1));

        var result = await FinishedAsync(id);

        Assert.Equal("compensated", result.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryRejected", "PaymentRefunded", "OrderCompensated"], Types(result));
        var paymentId = result.GetProperty("events")[1].GetProperty("data").GetProperty("paymentId").GetString();
        Assert.Equal("refunded", (await GetJsonAsync($"/participants/payments/{paymentId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Start_OverThePaymentLimit_FailedWithNothingToUndo()
    {
        var (id, _) = await StartAsync(Order(amount: 500.01m));

        var result = await FinishedAsync(id);

        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentRejected"], Types(result));
    }

    [Fact]
    public async Task Start_ShippingKeepsFailing_PoisonedThenCancelledReleasedAndRefunded()
    {
        await FaultAsync("shipping", "create");
        var (id, _) = await StartAsync(Order());

        var result = await FinishedAsync(id);

        Assert.Equal("compensated", result.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryReserved", "MessagePoisoned", "ShipmentCancelled", "InventoryReleased", "PaymentRefunded", "OrderCompensated"], Types(result));
        var stock = await GetJsonAsync("/participants/inventory/ITEM-001");
        Assert.Equal((100, 0), (stock.GetProperty("stock").GetInt32(), stock.GetProperty("reserved").GetInt32()));
    }

    [Fact]
    public async Task Start_RefundKeepsFailing_FailedAndTheCompensationStaysInThePoisonList()
    {
        await FaultAsync("inventory", "reserve");
        await FaultAsync("payments", "refund");
        var (id, _) = await StartAsync(Order());

        var result = await FinishedAsync(id);

        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Contains("CompensationFailed", Types(result));
    }

    [Fact]
    public async Task Start_TransientChargeFailures_RedeliveredAndCompletedWithOneCharge()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"charge","mode":"transient","count":2}""")), HttpStatusCode.Created);
        var (id, _) = await StartAsync(Order());

        var result = await FinishedAsync(id);

        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.Single(Types(result), t => t == "PaymentCharged");
    }

    [Fact]
    public async Task Start_BadRequest_400NamingTheFieldAndNothingStarted()
    {
        var problem = await ProblemAsync(await Client.PostAsync("/api/choreographies/order", Json("""{"orderId":"O","customerId":"C","items":[],"amount":-1}""")), HttpStatusCode.BadRequest);

        Assert.Contains("amount", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(100, (await GetJsonAsync("/participants/inventory/ITEM-001")).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Get_UnknownIdOrChoreography_404ProblemDetails()
    {
        await ProblemAsync(await Client.GetAsync("/api/choreographies/order/nope"), HttpStatusCode.NotFound);
        await ProblemAsync(await Client.PostAsync("/api/choreographies/shipping", Json(Order())), HttpStatusCode.NotFound);
    }

    private async Task<(string Id, string StatusUri)> StartAsync(string body)
    {
        var started = await JsonAsync(await Client.PostAsync("/api/choreographies/order", Json(body)), HttpStatusCode.Accepted);
        return (started.GetProperty("id").GetString()!, started.GetProperty("statusUri").GetString()!);
    }

    private async Task FaultAsync(string service, string operation) =>
        await JsonAsync(await Client.PostAsync("/participants/faults", Json($$"""{"service":"{{service}}","operation":"{{operation}}","mode":"permanent"}""")), HttpStatusCode.Created);

    /// <summary>Polls the trail (real time: the queue's redelivery backoff is 20 ms here) until the choreography is over.</summary>
    private async Task<JsonElement> FinishedAsync(string id)
    {
        for (var i = 0; i < 400; i++)
        {
            var result = await GetJsonAsync($"/api/choreographies/order/{id}");
            if (result.GetProperty("status").GetString() != "running")
            {
                return result;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Choreography {id} still runs.");
        return default;
    }

    private static string[] Types(JsonElement result) => [.. result.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    private static string[] Services(JsonElement result) => [.. result.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("service").GetString()!)];
}
