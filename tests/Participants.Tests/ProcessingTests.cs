using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class ProcessingTests
{
    [Fact]
    public async Task Process_AnyItem_ReturnsWorkIdAndProcessedResult()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();

        var a = await processing.ProcessAsync("456:0", new ProcessItemRequest("456", "a", 0));
        var spaced = await processing.ProcessAsync("456:1", new ProcessItemRequest("456", "hello world ü", 1));

        Assert.True(a.Succeeded);
        Assert.StartsWith("wrk_", a.Value.WorkId, StringComparison.Ordinal);
        Assert.Equal(("456", "a", "processed:a"), (a.Value.BatchId, a.Value.Item, a.Value.Result));
        Assert.Equal("processed:hello world ü", spaced.Value!.Result);
        Assert.NotEqual(a.Value.WorkId, spaced.Value.WorkId);
    }

    [Fact]
    public async Task Process_MaxLengthItem_IsAccepted()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var item = new string('x', 100);

        var result = await host.Client<ProcessingClient>().ProcessAsync("k", new ProcessItemRequest("B", item, 0));

        Assert.Equal("processed:" + item, result.Value!.Result);
    }

    [Fact]
    public async Task GetBatch_ListsItemsByIndexWithState()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();
        var c = await processing.ProcessAsync("k2", new ProcessItemRequest("456", "c", 2));
        var a = await processing.ProcessAsync("k0", new ProcessItemRequest("456", "a", 0));
        var b = await processing.ProcessAsync("k1", new ProcessItemRequest("456", "a", 1));
        await processing.ProcessAsync("other", new ProcessItemRequest("789", "z", 0));
        await processing.UndoAsync("undo-k1", new UndoWorkRequest("k1"));

        var batch = (await processing.GetBatchAsync("456"))!;

        Assert.Equal("456", batch.BatchId);
        Assert.Equal(
            [new ProcessedItem("a", 0, "processed", a.Value!.WorkId), new ProcessedItem("a", 1, "undone", b.Value!.WorkId), new ProcessedItem("c", 2, "processed", c.Value!.WorkId)],
            batch.Items);
        Assert.Equal(batch.Items, (await host.GetAsync<ProcessingBatchView>("/participants/processing/456")).Items);
    }

    [Fact]
    public async Task GetBatch_Unknown_IsNull()
    {
        await using var host = await ParticipantsHost.StartAsync();

        Assert.Null(await host.Client<ProcessingClient>().GetBatchAsync("nothing"));
    }

    [Fact]
    public async Task Process_SequentialRepeat_ReplaysAndProcessesOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();
        var request = new ProcessItemRequest("456", "a", 0);

        var first = await processing.ProcessAsync("work-1", request);
        var second = await processing.ProcessAsync("work-1", request);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Value, second.Value);
        Assert.Single((await processing.GetBatchAsync("456"))!.Items);
    }

    [Fact]
    public async Task Process_ConcurrentRepeats_ProcessOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ =>
            processing.ProcessAsync("work-concurrent", new ProcessItemRequest("456", "a", 0))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Value!.WorkId).Distinct());
        Assert.Equal(24, results.Count(r => r.Replayed));
        Assert.Single((await processing.GetBatchAsync("456"))!.Items);
    }

    [Fact]
    public async Task Process_SameKeyDifferentItem_IsRefusedWithIdempotencyKeyReused()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var first = await host.PostAsync("/participants/processing/process", "k", new ProcessItemRequest("456", "a", 0));
        using var second = await host.PostAsync("/participants/processing/process", "k", new ProcessItemRequest("456", "b", 0));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.IdempotencyKeyReused);
        Assert.Equal("a", Assert.Single((await host.Client<ProcessingClient>().GetBatchAsync("456"))!.Items).Item);
    }

    [Fact]
    public async Task Undo_AfterProcess_UndoesOnceThenAlreadyUndone()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();
        var work = await processing.ProcessAsync("work", new ProcessItemRequest("456", "a", 0));

        var first = await processing.UndoAsync("undo-1", new UndoWorkRequest("work"));
        var second = await processing.UndoAsync("undo-2", new UndoWorkRequest("work"));
        var repeat = await processing.UndoAsync("undo-1", new UndoWorkRequest("work"));

        Assert.Equal(new UndoWorkResponse("undone", false, work.Value!.WorkId), first.Value);
        Assert.Equal(new UndoWorkResponse("already_undone", false, work.Value.WorkId), second.Value);
        Assert.True(repeat.Replayed);
        Assert.Equal(first.Value, repeat.Value);
        Assert.Equal("undone", Assert.Single((await processing.GetBatchAsync("456"))!.Items).State);
    }

    [Fact]
    public async Task Undo_NeverProcessed_IsNothingToUndoAndTheLateProcessIsRefused()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();

        var undo = await processing.UndoAsync("undo-1", new UndoWorkRequest("work-late"));
        var twice = await processing.UndoAsync("undo-2", new UndoWorkRequest("work-late"));
        var late = await processing.ProcessAsync("work-late", new ProcessItemRequest("456", "a", 0));

        Assert.Equal(new UndoWorkResponse("nothing_to_undo", true, null), undo.Value);
        Assert.True(twice.Succeeded);
        Assert.True(twice.Value.NothingToUndo);
        Assert.Equal(RejectionCodes.AlreadyCompensated, late.Code);
        Assert.Equal(HttpStatusCode.Conflict, (HttpStatusCode)late.StatusCode);
        Assert.Null(await processing.GetBatchAsync("456"));
    }

    [Fact]
    public async Task Process_PermanentFaultOnItsKey_Fails500WithoutEffectWhileOtherKeysSucceed()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var faults = host.Client<FaultsClient>();
        var processing = host.Client<ProcessingClient>();
        Assert.True((await faults.AddAsync(new FaultRequest(ParticipantCatalog.Processing, "process", "permanent", Key: "456:1"))).Succeeded);

        var failure = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => processing.ProcessAsync("456:1", new ProcessItemRequest("456", "b", 1)));
        var other = await processing.ProcessAsync("456:0", new ProcessItemRequest("456", "a", 0));

        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(RejectionCodes.InjectedFault, failure.Reason);
        Assert.True(other.Succeeded);
        Assert.Equal(["a"], (await processing.GetBatchAsync("456"))!.Items.Select(i => i.Item));
    }

    [Fact]
    public async Task Process_TransientFault_Fails503ThenTheRetrySucceeds()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest(ParticipantCatalog.Processing, "process", "transient", Count: 2));
        var processing = host.Client<ProcessingClient>();
        var request = new ProcessItemRequest("456", "a", 0);

        var first = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => processing.ProcessAsync("k", request));
        var second = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => processing.ProcessAsync("k", request));
        var third = await processing.ProcessAsync("k", request);

        Assert.Equal((503, 503), (first.StatusCode, second.StatusCode));
        Assert.True(third.Succeeded);
        Assert.False(third.Replayed);
        Assert.Single((await processing.GetBatchAsync("456"))!.Items);
    }

    [Fact]
    public async Task Undo_PermanentFault_FailsTheUndoAndTheItemStaysProcessed()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var processing = host.Client<ProcessingClient>();
        await processing.ProcessAsync("work", new ProcessItemRequest("456", "a", 0));
        await host.Client<FaultsClient>().AddAsync(new FaultRequest(ParticipantCatalog.Processing, "undo", "permanent"));

        var failure = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => processing.UndoAsync("undo", new UndoWorkRequest("work")));

        Assert.Equal(500, failure.StatusCode);
        Assert.Equal("processed", Assert.Single((await processing.GetBatchAsync("456"))!.Items).State);
        await host.Client<FaultsClient>().ClearAsync();
        Assert.Equal("undone", (await processing.UndoAsync("undo", new UndoWorkRequest("work"))).Value!.Status);
    }
}
