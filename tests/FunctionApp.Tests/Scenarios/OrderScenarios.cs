using static SagaFunctions.FunctionApp.Tests.Scenarios.ScenarioSteps;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class OrderScenarios
{
    private const string Saga = "order";

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("order: all steps succeed → completed", async r =>
        {
            var output = await r.RunAsync(Saga, "o-1", Order("o-1"), "completed");
            Assert.Empty(Warnings(output));
            Assert.Equal(98, (await r.StockAsync("ITEM-001")).Stock);
        }),
        new("order: amount over the payment limit → failed, nothing to undo", async r =>
        {
            var output = await r.RunAsync(Saga, "o-2", Order("o-2", amount: 500.01m), "failed");
            Assert.Equal("over_limit", output.GetProperty("error").GetProperty("code").GetString());
        }),
        new("order: out of stock → failed, payment refunded", async r =>
        {
            await r.RunAsync(Saga, "o-3", Order("o-3", sku: "ITEM-003", quantity: 1), "failed", "RefundPayment");
            Assert.Equal((0, 0), await r.StockAsync("ITEM-003"));
        }),
        new("order: unknown SKU → failed, payment refunded", async r =>
            await r.RunAsync(Saga, "o-4", Order("o-4", sku: "ITEM-999"), "failed", "RefundPayment")),
        new("order: charge keeps failing → in-doubt charge refunded by key", async r =>
        {
            await r.FaultAsync("payments", "charge");
            var output = await r.RunAsync(Saga, "o-5", Order("o-5"), "failed", "RefundPayment");
            Assert.True(output.GetProperty("compensations")[0].GetProperty("stepWasInDoubt").GetBoolean());
        }),
        new("order: charge fails twice then succeeds → completed", async r =>
        {
            await r.FaultAsync("payments", "charge", "transient", count: 2);
            await r.RunAsync(Saga, "o-6", Order("o-6"), "completed");
        }),
        new("order: inventory keeps failing → released then refunded", async r =>
        {
            await r.FaultAsync("inventory", "reserve");
            await r.RunAsync(Saga, "o-7", Order("o-7"), "failed", "ReleaseInventory", "RefundPayment");
            Assert.Equal((100, 0), await r.StockAsync("ITEM-001"));
        }),
        new("order: shipment keeps failing → cancelled, released, refunded", async r =>
        {
            await r.FaultAsync("shipping", "create");
            await r.RunAsync(Saga, "o-8", Order("o-8"), "failed", "CancelShipment", "ReleaseInventory", "RefundPayment");
            Assert.Equal((100, 0), await r.StockAsync("ITEM-001"));
        }),
        new("order: e-mail fails → completed with a warning", async r =>
        {
            await r.FaultAsync("notifications", "send");
            var output = await r.RunAsync(Saga, "o-9", Order("o-9"), "completed");
            Assert.Single(Warnings(output));
        }),
        new("order: refund keeps failing → dead letter, inventory still released", async r =>
        {
            await r.FaultAsync("shipping", "create");
            await r.FaultAsync("payments", "refund");
            var output = await r.RunAsync(Saga, "o-10", Order("o-10"), "failed", "CancelShipment", "ReleaseInventory", "RefundPayment");
            Assert.Equal("compensation_failed", output.GetProperty("phase").GetString());
            Assert.Single(DeadLetters(output));
            Assert.Equal((100, 0), await r.StockAsync("ITEM-001"));
        }),
        new("order: dead letter → retry after the fault is cleared → resolved", async r =>
        {
            await r.FaultAsync("inventory", "reserve");
            await r.FaultAsync("payments", "refund");
            var output = await r.RunAsync(Saga, "o-11", Order("o-11"), "failed", "ReleaseInventory", "RefundPayment");
            var deadLetter = Assert.Single(DeadLetters(output));
            await r.ClearFaultsAsync();
            await r.RetryDeadLetterAsync(deadLetter, "resolved");
            var payment = await r.ReadAsync($"/participants/payments/{output.GetProperty("paymentId").GetString()}");
            Assert.Equal("refunded", payment.GetProperty("status").GetString());
        }),
        new("order: dead letter → retry while the fault stays → retryFailed, then resolved by hand", async r =>
        {
            await r.FaultAsync("inventory", "reserve");
            await r.FaultAsync("payments", "refund");
            var output = await r.RunAsync(Saga, "o-12", Order("o-12"), "failed", "ReleaseInventory", "RefundPayment");
            var deadLetter = Assert.Single(DeadLetters(output));
            await r.RetryDeadLetterAsync(deadLetter, "retry_failed");
            var resolved = await r.PostAsync($"/api/dead-letters/{deadLetter}/resolve", new { note = "refunded by hand" }, 200);
            Assert.Equal("resolved", resolved.Json.GetProperty("status").GetString());
        }),
        new("order: cancel while the charge is retried → in-doubt charge refunded, cancelled", async r =>
        {
            await r.FaultAsync("payments", "charge");
            await r.StartAsync(Saga, "o-13", Order("o-13"));
            await r.PostAsync($"/api/sagas/{Saga}/o-13/cancel", new { reason = "customer changed their mind" }, 202);
            await r.EndsAsync(Saga, "o-13", "cancelled", "RefundPayment");
        }),
        new("order: terminate while retrying → Terminated, nothing runs after", async r =>
        {
            await r.FaultAsync("payments", "charge");
            await r.StartAsync(Saga, "o-14", Order("o-14"));
            await r.PostAsync($"/api/sagas/{Saga}/o-14/terminate", new { reason = "operator" }, 202);
            var view = await r.RunToEndAsync(Saga, "o-14");
            Assert.Equal("Terminated", view.GetProperty("runtimeStatus").GetString());
            Assert.NotEqual("waiting", view.GetProperty("phase").GetString());
        }),
        new("order: a second start of a finished id → 409, one saga ran", async r =>
        {
            await r.RunAsync(Saga, "o-15", Order("o-15"), "completed");
            await r.StartAsync(Saga, "o-15", Order("o-15", amount: 10m), expectedStatus: 409);
            Assert.Equal(98, (await r.StockAsync("ITEM-001")).Stock);
        }),
        new("order: six concurrent starts of one id → one 202, five 409, one saga ran", async r =>
        {
            var answers = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
                r.Engine.SendAsync(HttpMethod.Post, $"/api/sagas/{Saga}/o-16", System.Text.Json.JsonSerializer.Serialize(Order("o-16", quantity: i), ScenarioJson.Options))));
            Assert.Equal(1, answers.Count(a => a.Status == 202));
            Assert.Equal(5, answers.Count(a => a.Status == 409));
            // Which caller wins is a race, so only the count of sagas is compared, not the winner's body.
            var unobserved = new SagaRun(r.Engine);
            await unobserved.OutputAsync(Saga, "o-16");
            var (stock, reserved) = await unobserved.StockAsync("ITEM-001");
            Assert.InRange(100 - stock, 1, 6);
            r.Observe("sagas run", 1);
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    internal static object Order(string id, decimal amount = 99.99m, string sku = "ITEM-001", int quantity = 2) =>
        new { orderId = id, customerId = "cust-123", items = new[] { new { sku, quantity } }, amount };
}
