using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class BatchSagaTests
{
    private const string Id = "batch-1";

    private static async Task<string[]> StatesAsync(SagaHarness h, string batchId)
    {
        var batch = await h.Processing.GetBatchAsync(batchId);
        return batch is null ? [] : [.. batch.Items.Select(i => $"{i.Index}:{i.Item}:{i.State}")];
    }

    [Fact]
    public async Task Run_GenericItems_CompletedWithMergedResult()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["a", "b", "c"]), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(SagaPhase.Completed, result.Phase);
        Assert.Null(result.Error);
        Assert.Empty(result.Compensations);
        Assert.Equal(["a", "b", "c"], result.Items.Select(i => i.Item));
        Assert.Equal([0, 1, 2], result.Items.Select(i => i.Index));
        Assert.Equal(["processed:a", "processed:b", "processed:c"], result.Items.Select(i => i.Result));
        Assert.Equal(3, result.Items.Select(i => i.WorkId).Distinct().Count());
        Assert.Equal(3, result.Merged!.ItemCount);
        Assert.Equal(["processed:a", "processed:b", "processed:c"], result.Merged.Results);
        Assert.Equal(result.Items.Select(i => i.WorkId), result.Merged.WorkIds);
        Assert.Equal(["0:a:processed", "1:b:processed", "2:c:processed"], await StatesAsync(h, "456"));
        Assert.Equal(3, h.CallsOf("ProcessItem"));
        Assert.Equal("MergeResults", h.Calls[^1]);
    }

    [Fact]
    public async Task Run_DuplicateAndSkuItems_EachProcessedByIndex()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("B-2", ["ITEM-001", "ITEM-002", "ITEM-001"]), Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(2, result.Merged!.CountByItem["ITEM-001"]);
        Assert.Equal(1, result.Merged.CountByItem["ITEM-002"]);
        Assert.Equal(3, result.Merged.WorkIds.Distinct().Count());
        Assert.Equal(["0:ITEM-001:processed", "1:ITEM-002:processed", "2:ITEM-001:processed"], await StatesAsync(h, "B-2"));
    }

    [Fact]
    public async Task Run_ItemProcessingKeepsFailing_FailedAndEveryOtherItemUndoneAfterAllSettle()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync(ParticipantCatalog.Processing, "process", $"{Id}:{BatchSaga.BranchName(1)}");

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["a", "b", "c"]), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaPhase.Compensated, result.Phase);
        Assert.Equal("ProcessItem[1]", result.Error?.Step);
        Assert.Equal(SagaFailureKind.Failed, result.Error?.Kind);
        Assert.Equal(["ProcessItem[0]", "ProcessItem[1]", "ProcessItem[2]"], result.Compensations.Select(c => c.Step).Order());
        Assert.All(result.Compensations, c => Assert.Equal("UndoItem", c.Activity));
        Assert.All(result.Compensations, c => Assert.Equal(CompensationStatus.Compensated, c.Status));
        Assert.True(result.Compensations.Single(c => c.Step == "ProcessItem[1]").StepWasInDoubt);
        Assert.Empty(result.DeadLetters);
        Assert.Empty(result.Items);
        Assert.Null(result.Merged);
        Assert.Equal(0, h.CallsOf("MergeResults"));
        Assert.Equal(["0:a:undone", "2:c:undone"], await StatesAsync(h, "456"));
    }

    [Fact]
    public async Task Run_UndoKeepsFailing_CompensationFailedWithDeadLetters()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync(ParticipantCatalog.Processing, "process", $"{Id}:{BatchSaga.BranchName(1)}");
        await h.FailAsync(ParticipantCatalog.Processing, "undo");

        var result = await h.RunAsync<BatchResult>(nameof(BatchSaga), new BatchRequest("456", ["a", "b", "c"]), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaPhase.CompensationFailed, result.Phase);
        Assert.All(result.Compensations, c => Assert.Equal(CompensationStatus.DeadLettered, c.Status));
        Assert.Equal([$"{Id}:ProcessItem[0]", $"{Id}:ProcessItem[1]", $"{Id}:ProcessItem[2]"], result.DeadLetters.Order());
        var entry = (await h.DeadLetters.GetAsync($"{Id}:ProcessItem[0]", CancellationToken.None))!;
        Assert.Equal(DeadLetterStatus.Open, entry.Status);
        Assert.Equal("batch", entry.Record.SagaName);
        Assert.Equal("UndoItem", entry.Record.CompensationActivity);
        Assert.Contains("ParticipantUnavailableException", entry.Record.ErrorType, StringComparison.Ordinal);
        Assert.Equal(["0:a:processed", "2:c:processed"], await StatesAsync(h, "456"));
    }

    [Fact]
    public async Task Run_CancelWhileBranchRetries_BranchesSettleThenItemsUndone()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync(ParticipantCatalog.Processing, "process");
        await h.StartAsync(nameof(BatchSaga), new BatchRequest("456", ["a"]), Id);
        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest(null));
        await h.ClearFaultsAsync();

        var result = await h.OutputAsync<BatchResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(["ProcessItem[0]"], result.Compensations.Select(c => c.Step));
        Assert.Equal(0, h.CallsOf("MergeResults"));
        Assert.Equal(["0:a:undone"], await StatesAsync(h, "456"));
    }
}
