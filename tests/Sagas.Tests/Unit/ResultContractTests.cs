using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Common;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.Sagas.Tests.Unit;

public class ResultContractTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void OrderResult_Serialized_HasTheContractFields()
    {
        var failure = new SagaFailure(SagaFailureKind.Rejected, "ReserveInventory", "out_of_stock", "none left");
        var compensation = new CompensationRecord("ChargePayment", "RefundPayment", CompensationStatus.Compensated, 1, false, "refunded", null);
        var end = new SagaEnd(SagaPhase.Compensated, [compensation], ["w"], failure, ["dl-1"]);
        var result = end.ApplyTo(new OrderResult { Status = "failed", OrderId = "o-1", PaymentId = "p-1" });

        using var json = JsonDocument.Parse(JsonSerializer.Serialize<object>(result, Web));
        var root = json.RootElement;

        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal("compensated", root.GetProperty("phase").GetString());
        Assert.Equal("p-1", root.GetProperty("paymentId").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reservationId").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("shipmentId").ValueKind);
        Assert.Equal("RefundPayment", root.GetProperty("compensations")[0].GetProperty("activity").GetString());
        Assert.Equal("compensated", root.GetProperty("compensations")[0].GetProperty("status").GetString());
        Assert.Equal("w", root.GetProperty("warnings")[0].GetString());
        Assert.Equal("out_of_stock", root.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("rejected", root.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("dl-1", root.GetProperty("deadLetters")[0].GetString());
    }

    [Fact]
    public void TransferResult_Serialized_NamesTheSeedIds()
    {
        var result = SagaEndSuccess().ApplyTo(new TransferResult { Status = "completed", TransferId = "t", DebitTxId = "d", CreditTxId = "c", TransactionId = "x" });

        using var json = JsonDocument.Parse(JsonSerializer.Serialize<object>(result, Web));

        Assert.Equal("d", json.RootElement.GetProperty("debitTxId").GetString());
        Assert.Equal("c", json.RootElement.GetProperty("creditTxId").GetString());
        Assert.Equal("x", json.RootElement.GetProperty("transactionId").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("error").ValueKind);
        Assert.Equal("completed", json.RootElement.GetProperty("phase").GetString());
    }

    [Fact]
    public void StatusOr_Cancelled_IsCancelled()
    {
        var cancelled = new SagaEnd(SagaPhase.Cancelled, [], [], new SagaFailure(SagaFailureKind.Cancelled, "s", "cancelled", "m"), []);

        Assert.Equal("cancelled", cancelled.StatusOr("failed"));
        Assert.Equal("failed", SagaEndSuccess().StatusOr("failed"));
    }

    private static SagaEnd SagaEndSuccess() => new(SagaPhase.Completed, [], [], null, []);
}
