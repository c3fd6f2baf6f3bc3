using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Tests.Unit;

public class SagaHelpersTests
{
    private static readonly DateTime Now = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1000, 10)]
    [InlineData(1003, 10)]
    [InlineData(7, 7)]
    [InlineData(1, 1)]
    public void MigrationBatchPlanSizeOf_AllBatches_SumToTotalAndDifferByAtMostOne(long total, int count)
    {
        var plan = new MigrationBatchPlan("m", total, count, 0);

        var sizes = Enumerable.Range(1, count).Select(plan.SizeOf).ToList();

        Assert.Equal(total, sizes.Sum(s => (long)s));
        Assert.True(sizes.Max() - sizes.Min() <= 1);
        Assert.All(sizes, s => Assert.True(s >= 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void MigrationBatchPlanSizeOf_OutOfRange_Throws(int batch)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MigrationBatchPlan("m", 100, 10, 0).SizeOf(batch));
    }

    [Fact]
    public void HoldDeadline_ParticipantExpiryInsideWindow_UsesIt()
    {
        var expiry = Now.AddMinutes(10);

        Assert.Equal(expiry, TicketingSaga.HoldDeadline(Now, new DateTimeOffset(expiry)));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(60)]
    public void HoldDeadline_ExpiryPastOrBeyondWindow_UsesFifteenMinutes(int minutes)
    {
        Assert.Equal(Now.AddMinutes(15), TicketingSaga.HoldDeadline(Now, new DateTimeOffset(Now.AddMinutes(minutes))));
    }

    [Fact]
    public async Task MergeResults_Items_CombinesResultsInRequestOrder()
    {
        var input = new StepInput<BatchMergeInput>("k", new BatchMergeInput("b", [new(2, "x", "w2", "processed:x"), new(0, "x", "w0", "processed:x"), new(1, "y", "w1", "processed:y")]));

        var merged = await new BatchActivities(null!).MergeResults(input, CancellationToken.None);

        Assert.False(merged.IsRejected);
        Assert.Equal("b", merged.Value!.BatchId);
        Assert.Equal(3, merged.Value.ItemCount);
        Assert.Equal(["w0", "w1", "w2"], merged.Value.WorkIds);
        Assert.Equal(["processed:x", "processed:y", "processed:x"], merged.Value.Results);
        Assert.Equal(2, merged.Value.CountByItem["x"]);
        Assert.Equal(1, merged.Value.CountByItem["y"]);
    }

    [Fact]
    public async Task MergeResults_NoItems_Rejects()
    {
        var merged = await new BatchActivities(null!).MergeResults(new StepInput<BatchMergeInput>("k", new BatchMergeInput("b", [])), CancellationToken.None);

        Assert.Equal("nothing_to_merge", merged.RejectionCode);
    }

    [Theory]
    [InlineData("", "processed:x")]
    [InlineData("w0", " ")]
    public async Task MergeResults_MissingWorkIdOrResult_Rejects(string workId, string result)
    {
        var merged = await new BatchActivities(null!).MergeResults(new StepInput<BatchMergeInput>("k", new BatchMergeInput("b", [new(0, "x", workId, result)])), CancellationToken.None);

        Assert.Equal("missing_result", merged.RejectionCode);
    }
}
