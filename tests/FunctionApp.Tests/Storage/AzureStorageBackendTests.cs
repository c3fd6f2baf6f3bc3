using System.Text.Json;
using Microsoft.DurableTask;
using SagaFunctions.FunctionApp.Tests.Scenarios;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// FunctionApp's orchestrators and HTTP functions on the Azure Storage backend (Azurite): the sagas' main paths, the
/// provider's own behaviour on a reused instance id and what <see cref="DurableSagaClient"/> makes of it, concurrent
/// starts, paged listing, purge, and a custom status near Durable's 16 KB.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBackendTests(AzuriteFixture azurite)
{
    private static object Order(string id, string sku = "ITEM-001") =>
        new { orderId = id, customerId = "c-1", items = new[] { new { sku, quantity = 1 } }, amount = 25.00m };

    private static object Tickets(string id) =>
        new { bookingId = id, eventId = "EVT-001", seatIds = new[] { "A1", "A2" }, customerId = "c-1", totalAmount = 120.00m };

    [Fact]
    public async Task Order_HappyPath_CompletedOnAzureStorage()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);

        await run.StartAsync("order", "o-1", Order("o-1"));
        var output = await run.OutputAsync("order", "o-1");

        Assert.Equal("completed", output.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(output.GetProperty("shipmentId").GetString()));
        Assert.Equal(1, (await run.ReadAsync("/participants/inventory/ITEM-001")).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Order_OutOfStock_CompensatedOnAzureStorage()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);

        await run.StartAsync("order", "o-2", Order("o-2", sku: "ITEM-003"));
        var output = await run.OutputAsync("order", "o-2");

        Assert.Equal("failed", output.GetProperty("status").GetString());
        var compensations = output.GetProperty("compensations").EnumerateArray().Select(c => c.GetRawText()).ToList();
        Assert.Contains(compensations, c => c.Contains("RefundPayment", StringComparison.Ordinal));
        Assert.Equal(1000.00m, (await run.ReadAsync("/participants/accounts/ACC-001")).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Ticketing_PaymentEventBeforeTheHoldExpires_Confirmed()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        await run.StartAsync("ticketing", "b-1", Tickets("b-1"));

        await run.RaiseAsync("ticketing", "b-1", "payment", new { succeeded = true, paymentId = "pay-1" });
        var output = await run.OutputAsync("ticketing", "b-1");

        Assert.Equal("confirmed", output.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ticketing_HoldTimerFiresFirst_ExpiredAndSeatsReleased()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        await run.StartAsync("ticketing", "b-2", Tickets("b-2"));

        var output = await run.OutputAsync("ticketing", "b-2");

        Assert.Equal("expired", output.GetProperty("status").GetString());
        var seats = (await run.ReadAsync("/participants/seats/EVT-001")).GetRawText();
        Assert.DoesNotContain("held", seats, StringComparison.OrdinalIgnoreCase);
        await run.RaiseAsync("ticketing", "b-2", "payment", new { succeeded = true, paymentId = "pay-late" }, expectedStatus: 410);
    }

    [Fact]
    public async Task ScheduleNewOrchestration_IdOfACompletedInstance_TheProviderRunsItAgainButTheApiAnswers409()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        await run.StartAsync("order", "o-3", Order("o-3"));
        var first = await run.OutputAsync("order", "o-3");
        var client = engine.Inner.Host.Client;
        var before = (await client.GetInstanceAsync("o-3"))!;

        // The provider's own behaviour without dedupe statuses: a finished instance's id is simply scheduled again.
        await client.ScheduleNewOrchestrationInstanceAsync("OrderSaga", Order("o-3"), new StartOrchestrationOptions("o-3"));
        await run.RunToEndAsync("order", "o-3");
        var rerun = (await client.GetInstanceAsync("o-3"))!;

        // Through the API (DurableSagaClient): 409, and nothing runs.
        var answer = await run.StartAsync("order", "o-3", Order("o-3"), expectedStatus: 409);
        var after = (await client.GetInstanceAsync("o-3"))!;

        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.True(rerun.CreatedAt > before.CreatedAt, $"the provider re-ran o-3: created {before.CreatedAt:O}, then {rerun.CreatedAt:O}");
        Assert.Equal(409, answer.Status);
        Assert.Equal(rerun.CreatedAt, after.CreatedAt);
        Assert.Equal(rerun.LastUpdatedAt, after.LastUpdatedAt);
    }

    [Fact]
    public async Task StartSaga_EightConcurrentStartsOfOneId_One202AndSeven409sAndOneRun()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        var body = JsonSerializer.Serialize(Order("o-4"), ScenarioJson.Options);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => engine.SendAsync(HttpMethod.Post, "/api/sagas/order/o-4", body))));
        var output = await run.OutputAsync("order", "o-4");

        Assert.Equal([202, 409, 409, 409, 409, 409, 409, 409], answers.Select(a => a.Status).Order());
        Assert.Equal("completed", output.GetProperty("status").GetString());
        Assert.Equal(1, (await run.ReadAsync("/participants/inventory/ITEM-001")).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task QueryAsync_FiveInstancesPagesOfTwo_ContinuationTokensReachEveryInstanceOnce()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        var ids = Enumerable.Range(1, 5).Select(i => $"q-{i}").ToList();
        foreach (var id in ids)
        {
            await run.StartAsync("order", id, Order(id));
        }

        await engine.IdleAsync();
        var client = new DurableSagaClient(engine.Inner.Host.Client);
        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await client.QueryAsync(new SagaInstanceQuery(PageSize: 2, ContinuationToken: token), CancellationToken.None);
            Assert.True(page.Instances.Count <= 2, $"page {pages} has {page.Instances.Count} instances");
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(ids, seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= 3, $"{pages} pages");
    }

    [Fact]
    public async Task PurgeAsync_CompletedInstance_GoneAndASecondPurgeFindsNothing()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        await run.StartAsync("order", "o-5", Order("o-5"));
        await run.OutputAsync("order", "o-5");
        var client = new DurableSagaClient(engine.Inner.Host.Client);

        var purged = await client.PurgeAsync("o-5", CancellationToken.None);
        var again = await client.PurgeAsync("o-5", CancellationToken.None);

        Assert.True(purged);
        Assert.False(again);
        Assert.Null(await client.GetAsync("o-5", CancellationToken.None));
        Assert.Equal(404, (await run.GetAsync("/api/sagas/order/o-5")).Status);
    }

    [Fact]
    public async Task CustomStatus_JustUnderDurablesSixteenKilobytesOfUtf16_StoredAndReadBackWhole()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        // The retry orchestrator publishes {id, state} first; an id of 8,100 characters makes that 16,262 bytes of UTF-16
        // JSON, just under Durable's 16 KB cap (16,384). Its id names no dead letter, so it ends there (not_found).
        var id = "dl-" + new string('z', 8_097);
        var client = engine.Inner.Host.Client;
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(Sagas.DeadLetters.RetryDeadLetter), id, new StartOrchestrationOptions("retry-big"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.WaitForInstanceCompletionAsync("retry-big", timeout.Token);

        var instance = await new DurableSagaClient(client).GetAsync("retry-big", CancellationToken.None);

        var status = instance!.SerializedCustomStatus!;
        Assert.InRange(System.Text.Encoding.Unicode.GetByteCount(status), 16_000, 16 * 1024);
        using var parsed = JsonDocument.Parse(status);
        Assert.Equal(id, parsed.RootElement.GetProperty("id").GetString());
        Assert.Equal("Completed", instance.RuntimeStatus);
    }
}
