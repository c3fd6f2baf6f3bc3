using System.Text.Json;
using SagaFunctions.Kernel;

namespace SagaFunctions.Kernel.Tests;

public class StatusJsonTests
{
    private static readonly DateTime At = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void JsonOptions_StatusWithEveryListPopulated_RoundTripsExactly()
    {
        var status = new SagaStatus(
            "order",
            SagaPhase.CompensationFailed,
            "ChargePayment",
            ["ChargePayment", "ReserveInventory"],
            ["ReserveInventory"],
            [new StepError("CreateShipment", "out_of_stock", "none left")],
            [new StepRetry("ChargePayment", "compensation", 2, 5, "HttpRequestException", "503", At.AddSeconds(4))],
            ["SendConfirmation: smtp down"],
            "payment",
            At.AddMinutes(10),
            [new TimelineEntry(At, "ChargePayment", "completed", "ok")],
            At,
            Omitted: 3);
        var json = JsonSerializer.Serialize(status, SagaStatus.JsonOptions);

        var read = JsonSerializer.Deserialize<SagaStatus>(json, SagaStatus.JsonOptions)!;

        Assert.Equal(json, JsonSerializer.Serialize(read, SagaStatus.JsonOptions));
        Assert.Contains("\"phase\":\"compensation_failed\"", json, StringComparison.Ordinal);
        Assert.Equal(SagaPhase.CompensationFailed, read.Phase);
    }

    [Fact]
    public void JsonOptions_StatusWithoutPhase_IsNotASagaStatus()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SagaStatus>("""{"id":"dl-1","state":"starting"}""", SagaStatus.JsonOptions));
    }
}
