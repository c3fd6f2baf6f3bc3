using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class BatchSagaTests
{
    private const string Id = "batch-1";

    private static async Task<int[]> StockAsync(SagaHarness h, params string[] skus)
    {
        var stock = new List<int>();
        foreach (var sku in skus)
        {
            stock.Add((await h.Inventory.GetStockAsync(sku))!.Stock);
        }

        return [.. stock];
    }

    [Fact]
    public async Task Run_AllItemsSucceed_CompletedWithMergedResult()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["ITEM-001", "ITEM-002", "ITEM-001"]), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(3, result.Items.Count);
        Assert.Equal(3, result.Merged!.ItemCount);
        Assert.Equal(2, result.Merged.UnitsBySku["ITEM-001"]);
        Assert.Equal(1, result.Merged.UnitsBySku["ITEM-002"]);
        Assert.Equal(result.Items.Select(i => i.ReservationId), result.Merged.ReservationIds);
        Assert.Equal(3, result.Items.Select(i => i.ReservationId).Distinct().Count());
        Assert.Equal(new[] { 98, 9 }, await StockAsync(h, "ITEM-001", "ITEM-002"));
        Assert.Equal(3, h.CallsOf("ProcessItem"));
        Assert.Equal("MergeResults", h.Calls[^1]);
    }

    [Fact]
    public async Task Run_OneItemOutOfStock_ReleasesTheOthersAfterAllSettle()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["ITEM-001", "ITEM-003", "ITEM-002"]), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("ProcessItem[1]", result.Error?.Step);
        Assert.Equal("out_of_stock", result.Error?.Code);
        Assert.Equal(["ProcessItem[0]", "ProcessItem[2]"], result.Compensations.Select(c => c.Step).Order());
        Assert.All(result.Compensations, c => Assert.Equal("ReleaseItem", c.Activity));
        Assert.Equal(3, h.CallsOf("ProcessItem"));
        Assert.Equal(0, h.CallsOf("MergeResults"));
        Assert.Equal(new[] { 100, 10, 0 }, await StockAsync(h, "ITEM-001", "ITEM-002", "ITEM-003"));
    }

    [Fact]
    public async Task Run_OneBranchKeepsFailing_CompensatesItByKeyWithTheOthers()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("inventory", "reserve", $"{Id}:{BatchSaga.BranchName(1)}");

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["ITEM-001", "ITEM-002", "ITEM-001"]), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(["ProcessItem[0]", "ProcessItem[1]", "ProcessItem[2]"], result.Compensations.Select(c => c.Step).Order());
        Assert.True(result.Compensations.Single(c => c.Step == "ProcessItem[1]").StepWasInDoubt);
        Assert.Equal(SagaPhase.Compensated, result.Outcome);
        Assert.Equal(new[] { 100, 10 }, await StockAsync(h, "ITEM-001", "ITEM-002"));
    }

    [Fact]
    public async Task Run_UnknownSku_FailedAndOthersReleased()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["ITEM-001", "NOPE"]), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("unknown_sku", result.Error?.Code);
        Assert.Equal(["ProcessItem[0]"], result.Compensations.Select(c => c.Step));
        Assert.Equal(new[] { 100 }, await StockAsync(h, "ITEM-001"));
    }

    [Fact]
    public async Task Run_CancelWhileBranchRetries_BranchesSettleThenItemsReleased()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("inventory", "reserve");
        await h.StartAsync(nameof(BatchSaga), new BatchRequest("456", ["ITEM-001"]), Id);
        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest(null));
        await h.ClearFaultsAsync();

        var result = await h.OutputAsync<BatchResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Outcome);
        Assert.Equal(["ProcessItem[0]"], result.Compensations.Select(c => c.Step));
        Assert.Equal(0, h.CallsOf("MergeResults"));
        Assert.Equal(new[] { 100 }, await StockAsync(h, "ITEM-001"));
    }
}
