using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class InventoryTests
{
    [Fact]
    public async Task Reserve_TwoOfItem001_StockIs98Reserved2()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var inventory = host.Client<InventoryClient>();

        var result = await inventory.ReserveAsync("k", new ReserveRequest("O-1", [new LineItem("ITEM-001", 2)]));

        Assert.StartsWith("res_", result.Value!.ReservationId, StringComparison.Ordinal);
        Assert.Equal(new StockLevel("ITEM-001", 98, 2), await host.GetAsync<StockLevel>("/participants/inventory/ITEM-001"));
    }

    [Fact]
    public async Task Reserve_OneSkuShort_ReservesNothing()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync("/participants/inventory/reserve", "k",
            new ReserveRequest("O-1", [new LineItem("ITEM-001", 5), new LineItem("ITEM-003", 1)]));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.OutOfStock);
        Assert.Contains("ITEM-003", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(new StockLevel("ITEM-001", 100, 0), await host.GetAsync<StockLevel>("/participants/inventory/ITEM-001"));
    }

    [Fact]
    public async Task Reserve_UnknownSku_IsRejected()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<InventoryClient>().ReserveAsync("k", new ReserveRequest("O-1", [new LineItem("ITEM-999", 1)]));

        Assert.Equal(RejectionCodes.UnknownSku, result.Code);
        Assert.Equal(422, result.StatusCode);
    }

    [Fact]
    public async Task Reserve_RepeatedSku_IsMerged()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<InventoryClient>().ReserveAsync("k", new ReserveRequest("O-1", [new LineItem("ITEM-002", 6), new LineItem("ITEM-002", 5)]));

        Assert.Equal(RejectionCodes.OutOfStock, result.Code);
        Assert.Equal(new StockLevel("ITEM-002", 10, 0), await host.GetAsync<StockLevel>("/participants/inventory/ITEM-002"));
    }

    [Fact]
    public async Task Reserve_AllOfTheStock_IsAllowed()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<InventoryClient>().ReserveAsync("k", new ReserveRequest("O-1", [new LineItem("ITEM-002", 10)]));

        Assert.True(result.Succeeded);
        Assert.Equal(new StockLevel("ITEM-002", 0, 10), await host.GetAsync<StockLevel>("/participants/inventory/ITEM-002"));
    }

    [Fact]
    public async Task ListInventory_ShowsEverySku()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var all = await host.GetAsync<List<StockLevel>>("/participants/inventory");

        Assert.Equal(["ITEM-001", "ITEM-002", "ITEM-003"], all.Select(s => s.Sku));
    }
}
