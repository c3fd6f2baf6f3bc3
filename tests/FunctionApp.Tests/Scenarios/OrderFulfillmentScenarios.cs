using System.Text.Json;
using static SagaFunctions.FunctionApp.Tests.Scenarios.ScenarioSteps;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The declarative <c>order-fulfillment</c> (definitions/order-fulfillment.json) side by side with the C# <c>order</c>
/// saga, on both engines: each case runs the same request under the same faults through both sagas, asserts the
/// outcome and the compensated steps, and asserts that the two sagas' results and participant effects are equal once
/// step names are compared case-insensitively (<c>ChargePayment</c> / <c>chargePayment</c>) — and, as every scenario,
/// that the two engines observed the same answers.
/// </summary>
public class OrderFulfillmentScenarios
{
    private const string Declarative = "order-fulfillment";

    private static readonly string[] Sagas = ["order", Declarative];

    private static readonly string[] OutputIds = ["orderId", "paymentId", "reservationId", "shipmentId", "trackingNumber", "confirmationMessageId"];

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        SideBySide("all steps succeed → completed", "f-1", id => OrderScenarios.Order(id), null, "completed"),
        SideBySide("amount over the payment limit → failed, nothing to undo", "f-2", id => OrderScenarios.Order(id, amount: 500.01m), null, "failed"),
        SideBySide("out of stock → failed, payment refunded", "f-3", id => OrderScenarios.Order(id, sku: "ITEM-003", quantity: 1), null, "failed", "RefundPayment"),
        SideBySide("unknown SKU → failed, payment refunded", "f-4", id => OrderScenarios.Order(id, sku: "ITEM-999"), null, "failed", "RefundPayment"),
        SideBySide("charge keeps failing → in-doubt charge refunded by key", "f-5", id => OrderScenarios.Order(id), r => r.FaultAsync("payments", "charge"), "failed", "RefundPayment"),
        SideBySide("charge fails twice then succeeds → completed", "f-6", id => OrderScenarios.Order(id), r => r.FaultAsync("payments", "charge", "transient", count: 2), "completed"),
        SideBySide("inventory keeps failing → released then refunded", "f-7", id => OrderScenarios.Order(id), r => r.FaultAsync("inventory", "reserve"), "failed", "ReleaseInventory", "RefundPayment"),
        SideBySide("shipment keeps failing → cancelled, released, refunded", "f-8", id => OrderScenarios.Order(id), r => r.FaultAsync("shipping", "create"), "failed", "CancelShipment", "ReleaseInventory", "RefundPayment"),
        SideBySide("e-mail fails → completed with a warning", "f-9", id => OrderScenarios.Order(id), r => r.FaultAsync("notifications", "send"), "completed"),
        SideBySide(
            "refund keeps failing → dead letter, inventory still released",
            "f-10",
            id => OrderScenarios.Order(id),
            async r =>
            {
                await r.FaultAsync("shipping", "create");
                await r.FaultAsync("payments", "refund");
            },
            "failed",
            "CancelShipment",
            "ReleaseInventory",
            "RefundPayment"),
        new("order-fulfillment: dead letter → retry after the fault is cleared → resolved, like order", async r =>
        {
            foreach (var saga in Sagas)
            {
                await r.FaultAsync("inventory", "reserve");
                await r.FaultAsync("payments", "refund");
                var output = await RunBothWaysAsync(r, saga, $"f-11-{saga}", "failed", ["ReleaseInventory", "RefundPayment"]);
                var deadLetter = Assert.Single(DeadLetters(output));
                await r.ClearFaultsAsync();
                await r.RetryDeadLetterAsync(deadLetter, "resolved");
                var payment = await r.ReadAsync($"/participants/payments/{output.GetProperty("paymentId").GetString()}");
                Assert.Equal("refunded", payment.GetProperty("status").GetString());
            }
        }),
        new("order-fulfillment: cancel while the charge is retried → in-doubt charge refunded, cancelled, like order", async r =>
        {
            await r.FaultAsync("payments", "charge");
            var ends = new List<string>();
            foreach (var saga in Sagas)
            {
                var id = $"f-13-{saga}";
                await r.StartAsync(saga, id, OrderScenarios.Order(id));
                await r.PostAsync($"/api/sagas/{saga}/{id}/cancel", new { reason = "customer changed their mind" }, 202);
                var output = await r.OutputAsync(saga, id);
                Assert.Equal("cancelled", output.GetProperty("status").GetString());
                Assert.Equal(["refundpayment"], CompensatedSteps(saga, output));
                ends.Add(Project(saga, output));
            }

            Assert.Equal(ends[0], ends[1]);
        }),
        new("order-fulfillment: a second start of a finished id → 409, one saga ran", async r =>
        {
            await RunBothWaysAsync(r, Declarative, "f-15", "completed", []);
            await r.StartAsync(Declarative, "f-15", OrderScenarios.Order("f-15", amount: 10m), expectedStatus: 409);
            Assert.Equal(98, (await r.StockAsync("ITEM-001")).Stock);
        }),
        new("order-fulfillment: the list and GET /api/sagas/{saga} map the generic orchestrator's instances to their route", async r =>
        {
            await RunBothWaysAsync(r, "order", "f-17-order", "completed", []);
            await RunBothWaysAsync(r, Declarative, "f-17-declarative", "completed", []);
            var own = (await r.GetAsync($"/api/sagas/{Declarative}")).Json.GetProperty("items");
            var item = Assert.Single(own.EnumerateArray());
            Assert.Equal("f-17-declarative", item.GetProperty("instanceId").GetString());
            Assert.Equal(Declarative, item.GetProperty("saga").GetString());
            Assert.Equal(404, (await r.GetAsync($"/api/sagas/order/f-17-declarative")).Status);
            Assert.Equal(404, (await r.GetAsync($"/api/sagas/{Declarative}/f-17-order")).Status);
            var view = (await r.GetAsync($"/api/sagas/{Declarative}/f-17-declarative")).Json;
            Assert.Equal("f-17-declarative", view.GetProperty("input").GetProperty("orderId").GetString());
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    /// <summary>
    /// One case through both sagas: faults set afresh before each, same request, same expected outcome and compensated
    /// steps (named as in the order saga), equal projections of the results and equal participant effects.
    /// </summary>
    private static Scenario SideBySide(string name, string id, Func<string, object> request, Func<SagaRun, Task>? faults, string status, params string[] compensations) =>
        new($"order-fulfillment: {name}, like order", async r =>
        {
            var ends = new List<string>();
            foreach (var saga in Sagas)
            {
                await r.ClearFaultsAsync();
                if (faults is not null)
                {
                    await faults(r);
                }

                var before = await EffectsAsync(r);
                var instance = $"{id}-{saga}";
                await r.StartAsync(saga, instance, request(instance));
                var output = await r.OutputAsync(saga, instance);
                Assert.True(output.GetProperty("status").GetString() == status, $"{r.Engine.Name}: {saga} ended {output}");
                Assert.Equal([.. compensations.Select(c => c.ToLowerInvariant())], CompensatedSteps(saga, output));
                ends.Add(Project(saga, output) + " effects: " + Delta(before, await EffectsAsync(r)) + " " + await PaymentStateAsync(r, output));
            }

            Assert.True(ends[0] == ends[1], $"{r.Engine.Name}: order and order-fulfillment differ:\n order:             {ends[0]}\n order-fulfillment: {ends[1]}");
        });

    private static async Task<JsonElement> RunBothWaysAsync(SagaRun r, string saga, string id, string status, string[] compensations)
    {
        await r.StartAsync(saga, id, OrderScenarios.Order(id));
        var output = await r.OutputAsync(saga, id);
        Assert.Equal(status, output.GetProperty("status").GetString());
        Assert.Equal([.. compensations.Select(c => c.ToLowerInvariant())], CompensatedSteps(saga, output));
        return output;
    }

    /// <summary>
    /// The compensations in order, named by the order saga's compensation activity (lowercase): the declarative saga
    /// names them by step, so its step names are mapped through the order saga's step → compensation pairs.
    /// </summary>
    private static string[] CompensatedSteps(string saga, JsonElement output) =>
        [.. output.GetProperty("compensations").EnumerateArray().Select(c => saga == Declarative
            ? c.GetProperty("step").GetString()!.ToLowerInvariant() switch
            {
                "chargepayment" => "refundpayment",
                "reserveinventory" => "releaseinventory",
                "createshipment" => "cancelshipment",
                var other => other,
            }
            : c.GetProperty("activity").GetString()!.ToLowerInvariant())];

    /// <summary>What must be equal between the two sagas' results: everything but texts, generated ids and the step names' case.</summary>
    private static string Project(string saga, JsonElement output)
    {
        var error = output.GetProperty("error");
        var parts = new List<string>
        {
            $"status={output.GetProperty("status").GetString()}",
            $"phase={output.GetProperty("phase").GetString()}",
            $"warnings={output.GetProperty("warnings").GetArrayLength()}",
            $"deadLetters={output.GetProperty("deadLetters").GetArrayLength()}",
            error.ValueKind == JsonValueKind.Null
                ? "error=none"
                : $"error={error.GetProperty("kind").GetString()}/{error.GetProperty("step").GetString()?.ToLowerInvariant()}/{error.GetProperty("code").GetString()}",
            "compensations=" + string.Join(",", CompensatedSteps(saga, output).Zip(output.GetProperty("compensations").EnumerateArray(), (name, c) =>
                $"{name}:{c.GetProperty("status").GetString()}:{c.GetProperty("attempts").GetInt32()}:{c.GetProperty("stepWasInDoubt").GetBoolean()}")),
        };
        parts.AddRange(OutputIds.Select(id => $"{id}={(output.TryGetProperty(id, out var v) && v.ValueKind != JsonValueKind.Null ? "set" : "null")}"));
        return string.Join(" ", parts);
    }

    /// <summary>Stock of the seeded SKUs, shipments, and the number of e-mails sent.</summary>
    private static async Task<int[]> EffectsAsync(SagaRun r)
    {
        var effects = new List<int>();
        foreach (var sku in new[] { "ITEM-001", "ITEM-002", "ITEM-003" })
        {
            var (stock, reserved) = await r.StockAsync(sku);
            effects.Add(stock);
            effects.Add(reserved);
        }

        effects.Add((await r.ReadAsync("/participants/notifications/outbox")).GetProperty("messages").GetArrayLength());
        return [.. effects];
    }

    private static string Delta(int[] before, int[] after) => string.Join(",", before.Zip(after, (b, a) => a - b));

    /// <summary>The payment's and the shipment's state at the participants (charged, refunded, …), when the saga made them.</summary>
    private static async Task<string> PaymentStateAsync(SagaRun r, JsonElement output)
    {
        var states = new List<string>();
        if (output.TryGetProperty("paymentId", out var payment) && payment.ValueKind == JsonValueKind.String)
        {
            states.Add("payment=" + (await r.ReadAsync($"/participants/payments/{payment.GetString()}")).GetProperty("status").GetString());
        }

        if (output.TryGetProperty("shipmentId", out var shipment) && shipment.ValueKind == JsonValueKind.String)
        {
            states.Add("shipment=" + (await r.ReadAsync($"/participants/shipping/{shipment.GetString()}")).GetProperty("status").GetString());
        }

        return string.Join(" ", states);
    }
}
