using SagaFunctions.FunctionApp.Tests.Scenarios;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// The saga version on the Azure Storage backend (Azurite), the provider host.json selects: a start's version travels
/// with the instance (Durable's version and the <see cref="DurableSagaClient.VersionTag"/> tag) and comes back in the
/// saga view and in the list, whose <c>version</c> filter finds it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageVersionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Start_ExplicitVersion_ViewAndListReportItOnAzureStorage()
    {
        await using var engine = await AzureStorageEngine.StartAsync(azurite);
        var run = new SagaRun(engine);
        var order = new { orderId = "o-v", customerId = "c-1", items = new[] { new { sku = "ITEM-001", quantity = 1 } }, amount = 25.00m };

        Assert.Equal(202, (await engine.SendAsync(HttpMethod.Post, "/api/sagas/order/o-v?version=1", System.Text.Json.JsonSerializer.Serialize(order))).Status);
        await run.OutputAsync("order", "o-v");

        var stored = await engine.Inner.Host.Client.GetInstanceAsync("o-v");
        Assert.Equal("1", stored!.Tags[DurableSagaClient.VersionTag]);
        Assert.Equal("1", (await run.ReadAsync("/api/sagas/order/o-v")).GetProperty("version").GetString());
        var listed = (await run.ReadAsync("/api/sagas?saga=order&version=1")).GetProperty("items").EnumerateArray();
        Assert.Contains(listed, row => row.GetProperty("instanceId").GetString() == "o-v" && row.GetProperty("version").GetString() == "1");
        Assert.Empty((await run.ReadAsync("/api/sagas?saga=order&version=2")).GetProperty("items").EnumerateArray());
    }
}
