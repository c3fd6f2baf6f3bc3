using Moq;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Migration;

namespace SagaFunctions.Sagas.Tests.Unit;

public class MigrationBatchesTests
{
    private const string Prefix = "migration-1:MigrationBatches";

    private static readonly DateTime Now = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(250)]
    [InlineData(MigrationRequest.MaxBatchCount)]
    public void NextChunk_AnyBatchCount_ChunksCoverEveryBatchOnceWithinTheBounds(int batchCount)
    {
        var chunks = new List<MigrationBatchPlan>();
        for (MigrationBatchPlan? chunk = new("m", batchCount, batchCount, 0, BatchKeyPrefix: Prefix); chunk is not null; chunk = chunk.NextChunk(chunk.LastBatch))
        {
            chunks.Add(chunk);
        }

        Assert.Equal(Enumerable.Range(1, batchCount), chunks.SelectMany(c => Enumerable.Range(c.FirstBatch, c.LastBatch - c.FirstBatch + 1)));
        Assert.True(chunks.Count <= MigrationBatches.MaxChunks, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.True(c.LastBatch - c.FirstBatch + 1 <= c.ChunkSize));
        Assert.All(chunks, c => Assert.Equal(Prefix, c.BatchKeyPrefix));
        Assert.Equal(batchCount <= MigrationBatches.MaxChunks ? 1 : (batchCount + MigrationBatches.MaxChunks - 1) / MigrationBatches.MaxChunks, chunks[0].ChunkSize);
    }

    [Fact]
    public void NextChunk_AfterFirstChunk_StartsAfterItAndCarriesTheRecordsMigrated()
    {
        var first = new MigrationBatchPlan("m", 900, 300, 60, BatchKeyPrefix: Prefix);

        var next = first.NextChunk(9)!;

        Assert.Equal((1, 3), (first.FirstBatch, first.LastBatch));
        Assert.Equal((4, 6, 9L), (next.FirstBatch, next.LastBatch, next.RecordsMigrated));
        Assert.Equal(first with { FirstBatch = 4, RecordsMigrated = 9 }, next);
        Assert.Null((first with { FirstBatch = 298 }).NextChunk(900));
    }

    [Fact]
    public async Task RunAsync_SecondChunk_MigratesOnlyItsBatchesWithKeysFromThePrefix()
    {
        var keys = new List<string>();
        var context = Context(new MigrationBatchPlan("m", 900, 300, 60, FirstBatch: 4, RecordsMigrated: 9, BatchKeyPrefix: Prefix));
        context.Setup(c => c.CallActivityAsync<StepResult<MigrateBatchResponse>>(nameof(MigrationActivities.MigrateBatch), It.IsAny<object?>(), It.IsAny<RetryPolicy?>()))
            .Returns((string _, object? input, RetryPolicy? _) =>
            {
                var batch = (StepInput<MigrateBatchRequest>)input!;
                keys.Add(batch.IdempotencyKey);
                return Task.FromResult(StepResult.Ok(new MigrateBatchResponse("m", batch.Data.BatchNumber, batch.Data.BatchSize, batch.Data.BatchNumber * 3L)));
            });

        var result = await MigrationBatches.RunAsync(context.Object);

        Assert.Equal(new MigrationBatchesResult(6, 18), result.Value);
        Assert.Equal(Enumerable.Range(4, 3).Select(i => MigrationBatches.BatchKey(Prefix, i)), keys);
        context.Verify(c => c.CreateTimer(Now.AddSeconds(60), CancellationToken.None), Times.Exactly(2));
    }

    [Fact]
    public async Task RunAsync_BatchRejected_RejectsTheChunkAndStops()
    {
        var context = Context(new MigrationBatchPlan("m", 900, 300, 0, BatchKeyPrefix: Prefix));
        context.Setup(c => c.CallActivityAsync<StepResult<MigrateBatchResponse>>(nameof(MigrationActivities.MigrateBatch), It.IsAny<object?>(), It.IsAny<RetryPolicy?>()))
            .ReturnsAsync(StepResult.Reject<MigrateBatchResponse>(RejectionCodes.DualWriteDisabled, "off"));

        var result = await MigrationBatches.RunAsync(context.Object);

        Assert.Equal(RejectionCodes.DualWriteDisabled, result.RejectionCode);
        Assert.Equal("Batch 1 of 300: off", result.RejectionMessage);
        context.Verify(c => c.CallActivityAsync<StepResult<MigrateBatchResponse>>(It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<RetryPolicy?>()), Times.Once);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task RunAsync_FirstBatchOutsideThePlan_ThrowsClearError(int firstBatch)
    {
        var context = Context(new MigrationBatchPlan("m", 100, 10, 0, FirstBatch: firstBatch, BatchKeyPrefix: Prefix));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MigrationBatches.RunAsync(context.Object));

        Assert.Contains($"first batch {firstBatch} is outside batches 1 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoPlan_ThrowsClearError()
    {
        var context = Context(null);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MigrationBatches.RunAsync(context.Object));

        Assert.Contains("without a batch plan", error.Message, StringComparison.Ordinal);
    }

    private static Mock<IOrchestrationContext> Context(MigrationBatchPlan? plan)
    {
        var context = new Mock<IOrchestrationContext>();
        context.SetupGet(c => c.Name).Returns(nameof(MigrationBatches));
        context.SetupGet(c => c.InstanceId).Returns("migration-1:MigrateBatches[4-6]-1");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.GetInput<StepInput<MigrationBatchPlan>>()).Returns(plan is null ? null : new StepInput<MigrationBatchPlan>("migration-1:MigrateBatches[4-6]", plan));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return context;
    }
}
