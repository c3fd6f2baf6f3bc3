using System.Globalization;
using System.Text.Json;
using SagaFunctions.FunctionApp.Choreography;
using SagaFunctions.FunctionApp.Tests.Storage;
using SagaFunctions.Sagas.Choreography;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.FunctionApp.Tests.Choreography;

/// <summary>
/// The order saga as a choreography on FunctionApp: real queue-triggered functions on Azurite queues (run as the host
/// runs them, dequeue counts and poison queues included), the trail in an Azurite table, participants on Kestrel.
/// The outcomes are the orchestrated <c>order</c> saga's, told by events; duplicates and poison messages are covered.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChoreographyQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ChoreographyApp _app = null!;

    public async Task InitializeAsync() => _app = await ChoreographyApp.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Order(string sku = "ITEM-001", int quantity = 2, decimal amount = 99.99m) =>
        $$"""{"orderId":"ORD-Q","customerId":"C-1","items":[{"sku":"{{sku}}","quantity":{{quantity}}}],"amount":{{amount.ToString(CultureInfo.InvariantCulture)}}}""";

    [Fact]
    public async Task Queues_EveryServiceSucceeds_CompletedWithTheWholeTrail()
    {
        var (status, started) = await _app.PostAsync(Order());
        await _app.Host.RunUntilIdleAsync();
        var id = started.GetProperty("id").GetString()!;
        var (_, view) = await _app.GetAsync(id);

        Assert.Equal(202, status);
        Assert.Equal($"http://localhost:7071/api/choreographies/order/{id}", started.GetProperty("statusUri").GetString());
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryReserved", "ShipmentCreated", "ConfirmationSent", "OrderCompleted"], Types(view));
        Assert.Equal(["orders", "payments", "inventory", "shipping", "notifications", "orders"], Services(view));
        Assert.Equal(98, (await _app.StockAsync("ITEM-001")).Stock);
    }

    [Fact]
    public async Task Queues_OverThePaymentLimit_FailedWithNothingToUndo()
    {
        var view = await _app.RunAsync(Order(amount: 500.01m));

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentRejected"], Types(view));
        Assert.Equal("over_limit", view.GetProperty("events")[1].GetProperty("data").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("ITEM-003", 1)]
    [InlineData("ITEM-999", 2)]
    public async Task Queues_OutOfStockOrUnknownSku_PaymentRefundedByEventsAndCompensated(string sku, int quantity)
    {
        var view = await _app.RunAsync(Order(sku, quantity));

        Assert.Equal("compensated", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryRejected", "PaymentRefunded", "OrderCompensated"], Types(view));
        Assert.Equal("refunded", (await PaymentAsync(view)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Queues_ChargeKeepsFailing_PoisonedAndTheInDoubtChargeRefundedByKey()
    {
        await _app.FaultAsync("payments", "charge");

        var view = await _app.RunAsync(Order());

        Assert.Equal("compensated", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "MessagePoisoned", "PaymentRefunded", "OrderCompensated"], Types(view));
        Assert.Equal(QueueTriggerHost.MaxDequeueCount, _app.Host.Invocations[nameof(ChoreographyQueueFunctions.ChoreographyPayments)] - 1);
        Assert.Equal(1, _app.Host.Invocations[nameof(ChoreographyQueueFunctions.ChoreographyPaymentsPoison)]);
        Assert.Equal((100, 0), await _app.StockAsync("ITEM-001"));
    }

    [Fact]
    public async Task Queues_InventoryKeepsFailing_PoisonedThenReleasedAndRefunded()
    {
        await _app.FaultAsync("inventory", "reserve");

        var view = await _app.RunAsync(Order());

        Assert.Equal("compensated", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "MessagePoisoned", "InventoryReleased", "PaymentRefunded", "OrderCompensated"], Types(view));
        Assert.Equal((100, 0), await _app.StockAsync("ITEM-001"));
        Assert.Equal("refunded", (await PaymentAsync(view)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Queues_ShipmentKeepsFailing_PoisonedThenCancelledReleasedAndRefunded()
    {
        await _app.FaultAsync("shipping", "create");

        var view = await _app.RunAsync(Order());

        Assert.Equal("compensated", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryReserved", "MessagePoisoned", "ShipmentCancelled", "InventoryReleased", "PaymentRefunded", "OrderCompensated"], Types(view));
        var poisoned = view.GetProperty("events")[3].GetProperty("data");
        Assert.Equal(OrderChoreography.Ship, poisoned.GetProperty("topic").GetString());
        Assert.Contains("ParticipantUnavailable", poisoned.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal((100, 0), await _app.StockAsync("ITEM-001"));
        Assert.Equal("refunded", (await PaymentAsync(view)).GetProperty("status").GetString());
        var kept = Assert.Single(await _app.Store.PoisonedAsync(view.GetProperty("id").GetString(), CancellationToken.None));
        Assert.EndsWith("-shipping-poison", kept.Queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queues_EmailFails_CompletedWithAWarning()
    {
        await _app.FaultAsync("notifications", "send");

        var view = await _app.RunAsync(Order());

        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "InventoryReserved", "ShipmentCreated", "MessagePoisoned", "OrderCompleted"], Types(view));
        Assert.Equal(98, (await _app.StockAsync("ITEM-001")).Stock);
    }

    [Fact]
    public async Task Queues_RefundKeepsFailing_FailedWithTheCompensationInThePoisonList()
    {
        await _app.FaultAsync("inventory", "reserve");
        await _app.FaultAsync("payments", "refund");

        var view = await _app.RunAsync(Order());

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal(["OrderPlaced", "PaymentCharged", "MessagePoisoned", "InventoryReleased", "MessagePoisoned", "CompensationFailed"], Types(view));
        Assert.Equal(2, (await _app.Store.PoisonedAsync(view.GetProperty("id").GetString(), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Queues_TheSameMessageDeliveredTwice_HandledOnceAndChargedOnce()
    {
        var (_, started) = await _app.PostAsync(Order());
        var id = started.GetProperty("id").GetString()!;
        var queue = await _app.Host.QueueAsync(_app.Host.Queues.Single(q => q.EndsWith("-payments", StringComparison.Ordinal)));
        var first = (await queue.PeekMessageAsync()).Value;
        await queue.SendMessageAsync(first.Body);

        await _app.Host.RunUntilIdleAsync();
        var (_, view) = await _app.GetAsync(id);

        Assert.Equal(2, _app.Host.Invocations[nameof(ChoreographyQueueFunctions.ChoreographyPayments)]);
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Single(Types(view), t => t == "PaymentCharged");
        Assert.Single(Types(view), t => t == "InventoryReserved");
        Assert.Equal(98, (await _app.StockAsync("ITEM-001")).Stock);
    }

    [Fact]
    public async Task Queues_EveryMessageOfACompletedOrderDeliveredAgain_NothingChanges()
    {
        var view = await _app.RunAsync(Order());
        var id = view.GetProperty("id").GetString()!;
        var order = new OrderRequest("ORD-Q", "C-1", [new OrderItem("ITEM-001", 2)], 99.99m);
        foreach (var topic in new[] { OrderChoreography.Charge, OrderChoreography.Reserve, OrderChoreography.Ship, OrderChoreography.Notify })
        {
            await _app.SendRawAsync(SettingOf(topic), ChoreographyMessageJson.Write(ChoreographyMessage.For(id, topic, new OrderChoreographyState(order))));
        }

        await _app.Host.RunUntilIdleAsync();
        var (_, again) = await _app.GetAsync(id);

        Assert.Equal(Types(view), Types(again));
        Assert.Equal(98, (await _app.StockAsync("ITEM-001")).Stock);
    }

    [Theory]
    [InlineData("{not json", "$")]
    [InlineData("""{"messageId":"m","choreographyId":"c","topic":"payments.charge"}""", "state")]
    [InlineData("""{"messageId":"m","choreographyId":"c","topic":"payments.charge","state":{"order":{"orderId":"o","customerId":"c","items":[],"amount":1}}}""", "$.state.order.items")]
    [InlineData("""{"messageId":"m","choreographyId":"a/b","topic":"payments.charge","state":{"order":{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":1}}}""", "$.choreographyId")]
    [InlineData("""{"messageId":"m","choreographyId":"c","topic":"payments.charge","extra":1,"state":{"order":{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":1}}}""", "extra")]
    public async Task Queues_UnreadableMessage_RetriedThenPoisonedAndKeptWithTheField(string body, string field)
    {
        await _app.SendRawAsync(AppSettings.ChoreographyPaymentsQueue, body);

        await _app.Host.RunUntilIdleAsync();

        var kept = Assert.Single(await _app.Store.PoisonedAsync(null, CancellationToken.None));
        Assert.Equal(body, kept.Body);
        Assert.Contains(field, kept.Reason, StringComparison.Ordinal);
        Assert.Equal(QueueTriggerHost.MaxDequeueCount, _app.Host.Invocations[nameof(ChoreographyQueueFunctions.ChoreographyPayments)]);
        Assert.Equal(100, (await _app.StockAsync("ITEM-001")).Stock);
    }

    [Fact]
    public async Task Queues_UnknownTopicForAnExistingOrder_PoisonedAndShownInItsTrailWithoutChangingIt()
    {
        var view = await _app.RunAsync(Order());
        var id = view.GetProperty("id").GetString()!;
        var order = new OrderRequest("ORD-Q", "C-1", [new OrderItem("ITEM-001", 2)], 99.99m);
        await _app.SendRawAsync(AppSettings.ChoreographyPaymentsQueue, ChoreographyMessageJson.Write(ChoreographyMessage.For(id, "payments.teleport", new OrderChoreographyState(order))));

        await _app.Host.RunUntilIdleAsync();
        var (_, after) = await _app.GetAsync(id);

        Assert.Equal("completed", after.GetProperty("status").GetString());
        Assert.Equal([.. Types(view), "MessagePoisoned"], Types(after));
        Assert.Contains("payments.teleport", after.GetProperty("events")[6].GetProperty("data").GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queues_MessageOfAnUnknownChoreography_NothingReservedThenPoisonedAndKeptAsUnreadable()
    {
        var order = new OrderRequest("ORD-Q", "C-1", [new OrderItem("ITEM-001", 2)], 99.99m);
        await _app.SendRawAsync(AppSettings.ChoreographyInventoryQueue, ChoreographyMessageJson.Write(ChoreographyMessage.For("nobody", OrderChoreography.Reserve, new OrderChoreographyState(order))));

        await _app.Host.RunUntilIdleAsync();

        var kept = Assert.Single(await _app.Store.PoisonedAsync(null, CancellationToken.None));
        Assert.Contains("nobody", kept.Reason, StringComparison.Ordinal);
        Assert.Equal((100, 0), await _app.StockAsync("ITEM-001"));
    }

    [Theory]
    [InlineData("""{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001","quantity":1}],"amount":-1}""", "amount")]
    [InlineData("""{"orderId":"O","customerId":"C","items":[],"amount":5}""", "items")]
    [InlineData("""{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001","quantity":1}],"amount":5,"coupon":"x"}""", "coupon")]
    [InlineData("""{"orderId":"O",""", "body")]
    public async Task Start_BadRequest_400ProblemDetailsNamingTheFieldAndNothingQueued(string body, string field)
    {
        var (status, problem) = await _app.PostAsync(body);
        await _app.Host.RunUntilIdleAsync();

        Assert.Equal(400, status);
        Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(_app.Host.Invocations);
    }

    [Fact]
    public async Task GetAndStart_UnknownIdOrChoreography_404ProblemDetails()
    {
        var (unknownId, problem) = await _app.GetAsync("0123456789abcdef0123456789abcdef");
        var (unknownName, _) = await _app.PostAsync(Order(), name: "shipping");
        var (badId, _) = await _app.GetAsync(new string('x', 600));

        Assert.Equal((404, 404, 404), (unknownId, unknownName, badId));
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    private static string SettingOf(string topic) => OrderChoreography.ServiceOf(topic) switch
    {
        ChoreographyQueues.Payments => AppSettings.ChoreographyPaymentsQueue,
        ChoreographyQueues.Inventory => AppSettings.ChoreographyInventoryQueue,
        ChoreographyQueues.Shipping => AppSettings.ChoreographyShippingQueue,
        _ => AppSettings.ChoreographyNotificationsQueue,
    };

    private async Task<JsonElement> PaymentAsync(JsonElement view)
    {
        var charged = view.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "PaymentCharged");
        return await _app.ReadAsync($"/participants/payments/{charged.GetProperty("data").GetProperty("paymentId").GetString()}");
    }

    private static string[] Types(JsonElement view) => [.. view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    private static string[] Services(JsonElement view) => [.. view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("service").GetString()!)];
}
