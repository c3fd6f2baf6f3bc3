using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Runtime;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class OrderSagaTests
{
    private const string Id = "order-001";

    private static OrderRequest Order(decimal amount = 99.99m, string sku = "ITEM-001", int quantity = 2) =>
        new(Id, "cust-123", [new OrderItem(sku, quantity)], amount);

    private static string[] CompensationsOf(OrderResult result) => [.. result.Compensations.Select(c => c.Activity)];

    [Fact]
    public async Task Run_AllStepsSucceed_CompletedWithIds()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(SagaPhase.Completed, result.Phase);
        Assert.NotNull(result.PaymentId);
        Assert.NotNull(result.ReservationId);
        Assert.NotNull(result.ShipmentId);
        Assert.NotNull(result.ConfirmationMessageId);
        Assert.Empty(result.Compensations);
        Assert.Empty(result.Warnings);
        Assert.Null(result.Error);
        Assert.Equal(["ChargePayment", "ReserveInventory", "CreateShipment", "SendConfirmation"], h.Calls);
        Assert.All(h.KeyedCalls, c => Assert.Equal($"{Id}:{c.Name}", c.Key));
        Assert.Equal(98, (await h.Inventory.GetStockAsync("ITEM-001"))!.Stock);
        Assert.Equal("charged", (await h.Payments.GetPaymentAsync(result.PaymentId))!.Status);
    }

    [Fact]
    public async Task Run_AmountOverLimit_FailedWithNothingToUndo()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(amount: 500.01m), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaPhase.Compensated, result.Phase);
        Assert.Equal("over_limit", result.Error?.Code);
        Assert.Equal(SagaFailureKind.Rejected, result.Error?.Kind);
        Assert.Empty(result.Compensations);
        Assert.Null(result.PaymentId);
        Assert.Equal(["ChargePayment"], h.Calls);
    }

    [Fact]
    public async Task Run_OutOfStock_RefundsPayment()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(sku: "ITEM-003", quantity: 1), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("out_of_stock", result.Error?.Code);
        Assert.Equal(["RefundPayment"], CompensationsOf(result));
        Assert.Equal("refunded", (await h.Payments.GetPaymentAsync(result.PaymentId!))!.Status);
        Assert.Equal(0, (await h.Inventory.GetStockAsync("ITEM-003"))!.Reserved);
    }

    [Fact]
    public async Task Run_ChargeKeepsFailing_RefundsByKeyAndFails()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("payments", "charge");

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaFailureKind.Failed, result.Error?.Kind);
        var refund = Assert.Single(result.Compensations);
        Assert.Equal("RefundPayment", refund.Activity);
        Assert.True(refund.StepWasInDoubt);
        Assert.Equal(3, h.CallsOf("ChargePayment"));
        Assert.Equal(0, h.CallsOf("ReserveInventory"));
    }

    [Fact]
    public async Task Run_InventoryKeepsFailing_ReleasesThenRefunds()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("inventory", "reserve");

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(["ReleaseInventory", "RefundPayment"], CompensationsOf(result));
        Assert.Equal(SagaPhase.Compensated, result.Phase);
        Assert.Equal(new[] { 100, 0 }, await StockAsync(h, "ITEM-001"));
        Assert.Equal("refunded", (await h.Payments.GetPaymentAsync(result.PaymentId!))!.Status);
    }

    [Fact]
    public async Task Run_ShipmentKeepsFailing_CancelsReleasesAndRefunds()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("shipping", "create");

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(["CancelShipment", "ReleaseInventory", "RefundPayment"], CompensationsOf(result));
        Assert.True(result.Compensations[0].StepWasInDoubt);
        Assert.False(result.Compensations[1].StepWasInDoubt);
        Assert.Equal(new[] { 100, 0 }, await StockAsync(h, "ITEM-001"));
        Assert.Equal("refunded", (await h.Payments.GetPaymentAsync(result.PaymentId!))!.Status);
        Assert.Equal(0, h.CallsOf("SendConfirmation"));
    }

    [Fact]
    public async Task Run_EmailFails_CompletedWithWarning()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("notifications", "send");

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(SagaPhase.Completed, result.Phase);
        Assert.Contains("SendConfirmation", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.Null(result.ConfirmationMessageId);
        Assert.Empty(result.Compensations);
        Assert.Equal("charged", (await h.Payments.GetPaymentAsync(result.PaymentId!))!.Status);
    }

    [Fact]
    public async Task Run_CancelDuringChargeRetry_RefundsInDoubtChargeAndCancels()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("payments", "charge");
        await h.StartAsync(nameof(OrderSaga), Order(), Id);
        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("customer changed their mind"));

        var result = await h.OutputAsync<OrderResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(SagaFailureKind.Cancelled, result.Error?.Kind);
        Assert.Equal("customer changed their mind", result.Error?.Message);
        Assert.Equal(["RefundPayment"], CompensationsOf(result));
        Assert.Equal(0, h.CallsOf("ReserveInventory"));
    }

    [Fact]
    public async Task Run_RefundKeepsFailing_DeadLettersAndStillReleases()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("shipping", "create");
        await h.FailAsync("payments", "refund");

        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaPhase.CompensationFailed, result.Phase);
        Assert.Equal([CompensationStatus.Compensated, CompensationStatus.Compensated, CompensationStatus.DeadLettered], result.Compensations.Select(c => c.Status));
        Assert.Equal(new[] { 100, 0 }, await StockAsync(h, "ITEM-001"));
        var id = Assert.Single(result.DeadLetters);
        Assert.Equal($"{Id}:ChargePayment", id);
        var entry = (await h.DeadLetters.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(DeadLetterStatus.Open, entry.Status);
        Assert.Equal("order", entry.Record.SagaName);
        Assert.Equal(Id, entry.Record.InstanceId);
        Assert.Equal("ChargePayment", entry.Record.StepName);
        Assert.Equal("RefundPayment", entry.Record.CompensationActivity);
        Assert.Equal(5, entry.Record.Attempts);
        Assert.Equal(5, h.CallsOf("RefundPayment"));
        Assert.Contains("ParticipantUnavailableException", entry.Record.ErrorType, StringComparison.Ordinal);
        Assert.Contains($"\"stepKey\":\"{Id}:ChargePayment\"", entry.Record.InputJson, StringComparison.Ordinal);
        Assert.True(entry.Record.LastFailureAt > entry.Record.FirstFailureAt);
        Assert.Equal("charged", (await h.Payments.GetPaymentAsync(result.PaymentId!))!.Status);
    }

    [Fact]
    public async Task Run_InvalidInput_FailsWithClearError()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.Client.StartAsync(nameof(OrderSaga), new { orderId = "o-1", customerId = "c", items = Array.Empty<object>(), amount = -1 }, "bad");

        var status = await h.RunToEndAsync("bad");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Contains("items", status.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("amount", status.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(h.Calls);
    }

    private static async Task<int[]> StockAsync(SagaHarness h, string sku)
    {
        var level = (await h.Inventory.GetStockAsync(sku))!;
        return [level.Stock, level.Reserved];
    }
}
