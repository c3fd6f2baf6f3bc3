using System.Net;
using System.Text.Json;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>
/// The shipped <c>order-fulfillment</c> definition through Standalone's HTTP API, side by side with the C# <c>order</c>
/// saga: for every outcome the same request under the same fault gives the same status, outcome, phase, compensated
/// steps, warnings and participant effects; bad bodies get the same field-naming problems.
/// </summary>
public sealed class DeclarativeSagaEndToEndTests : EndToEndTestBase
{
    private static readonly string[] Sagas = ["order", "order-fulfillment"];

    private static string Order(string id, decimal amount = 99.99m, string sku = "ITEM-001") =>
        JsonSerializer.Serialize(new { orderId = id, customerId = "cust-1", items = new[] { new { sku, quantity = 2 } }, amount });

    [Theory]
    [InlineData("completed", null, null, "99.99", "completed", 0)]
    [InlineData("over-limit", null, null, "500.01", "failed", 0)]
    [InlineData("reserve-fails", "inventory", "reserve", "99.99", "failed", 2)]
    [InlineData("shipment-fails", "shipping", "create", "99.99", "failed", 3)]
    [InlineData("email-fails", "notifications", "send", "99.99", "completed", 0)]
    public async Task Start_SameRequestAndFault_SameOutcomeAndEffectsAsOrder(string name, string? service, string? operation, string amount, string status, int compensations)
    {
        var ends = new List<string>();
        foreach (var saga in Sagas)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/participants/faults")).StatusCode);
            if (service is not null)
            {
                await JsonAsync(await Client.PostAsync("/participants/faults", Json(new { service, operation, mode = "permanent" })), HttpStatusCode.Created);
            }

            var before = await GetJsonAsync("/participants/inventory/ITEM-001");
            var id = await StartAsync(saga, Order($"{name}-{saga}", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), $"{name}-{saga}");
            var view = await FinishAsync(saga, id);
            var after = await GetJsonAsync("/participants/inventory/ITEM-001");

            Assert.Equal(saga, view.GetProperty("saga").GetString());
            Assert.Equal(status, view.GetProperty("status").GetString());
            Assert.Equal(compensations, view.GetProperty("compensations").GetArrayLength());
            ends.Add(string.Join(
                " ",
                view.GetProperty("status"),
                view.GetProperty("outcome"),
                view.GetProperty("phase"),
                string.Join(",", view.GetProperty("compensations").EnumerateArray().Select(c => c.GetProperty("step").GetString()!.ToLowerInvariant() + ":" + c.GetProperty("status"))),
                view.GetProperty("warnings").GetArrayLength(),
                view.GetProperty("output").GetProperty("error").ValueKind == JsonValueKind.Null ? "-" : view.GetProperty("output").GetProperty("error").GetProperty("code").GetString(),
                after.GetProperty("stock").GetInt32() - before.GetProperty("stock").GetInt32(),
                after.GetProperty("reserved").GetInt32() - before.GetProperty("reserved").GetInt32()));
        }

        Assert.Equal(ends[0], ends[1]);
    }

    [Fact]
    public async Task Start_OrderFulfillment_ViewShowsTheRequestAndTheDefinitionsOutputIds()
    {
        var id = await StartAsync("order-fulfillment", Order("OF-1"), "of-1");

        var view = await FinishAsync("order-fulfillment", id);

        Assert.Equal("OF-1", view.GetProperty("input").GetProperty("orderId").GetString());
        Assert.False(view.GetProperty("input").TryGetProperty("definition", out _));
        var output = view.GetProperty("output");
        foreach (var field in new[] { "orderId", "paymentId", "reservationId", "shipmentId", "trackingNumber", "confirmationMessageId" })
        {
            Assert.Equal(JsonValueKind.String, output.GetProperty(field).ValueKind);
        }

        var payment = await GetJsonAsync($"/participants/payments/{output.GetProperty("paymentId").GetString()}");
        Assert.Equal("charged", payment.GetProperty("status").GetString());
        var list = await GetJsonAsync("/api/sagas?saga=order-fulfillment");
        Assert.Equal(["of-1"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
    }

    [Theory]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":0}],"amount":1}""", "items[0].quantity")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":"1"}""", "amount")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":1,"coupon":"X"}""", "coupon")]
    [InlineData("""{"customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":1}""", "orderId")]
    public async Task Start_BadBody_SameProblemAsOrderAndNothingStarted(string body, string field)
    {
        var problems = new List<string>();
        foreach (var saga in Sagas)
        {
            var response = await Client.PostAsync($"/api/sagas/{saga}/bad-{saga}", Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
            problems.Add(messages.GetRawText());
            Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/sagas/{saga}/bad-{saga}")).StatusCode);
        }

        // The C# binder stops at the first type error, so only the field's own messages are compared.
        Assert.Equal(problems[0], problems[1]);
    }

    /// <summary>A definitions folder of one's own (<c>Sagas:DefinitionsPath</c>): its sagas and their outcome strings are served.</summary>
    [Fact]
    public async Task DefinitionsPath_OwnFolder_ServesItsSagasAndAcceptsTheirOutcomesInTheStatusFilter()
    {
        var folder = Path.Combine(DataDirectory, "my-definitions");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notify.json"), """
            {"name":"notify","description":"Send one e-mail.","input":{"to":{"type":"id"}},
             "steps":[{"name":"send","compensable":false,"call":{"service":"notifications","method":"send","body":{"to":"${input.to}","subject":"Hi","body":"Hello ${input.to}"}}}],
             "outcomes":{"success":"sent","failure":"not_sent"}}
            """);
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Standalone:DataDirectory"] = Path.Combine(DataDirectory, "own");
        builder.Configuration["Sagas:DefinitionsPath"] = folder;
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.UseTestServer(builder.WebHost);
        builder.AddStandalone();
        await using var app = builder.Build();
        app.MapStandalone();
        await app.StartAsync();
        using var client = Microsoft.AspNetCore.TestHost.HostBuilderTestServerExtensions.GetTestClient(app);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/sagas/notify/n-1", Json("""{"to":"alice"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/sagas/order-fulfillment/n-2", Json(Order("n-2")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sagas?status=sent,not_sent")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/sagas?status=delivered")).StatusCode);
    }
}
