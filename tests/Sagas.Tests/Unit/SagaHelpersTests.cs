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
    public async Task MergeResults_Items_CountsUnitsPerSkuInRequestOrder()
    {
        var input = new StepInput<BatchMergeInput>("k", new BatchMergeInput("b", [new(2, "X", "r2"), new(0, "X", "r0"), new(1, "Y", "r1")]));

        var merged = await new BatchActivities(null!).MergeResults(input, CancellationToken.None);

        Assert.False(merged.IsRejected);
        Assert.Equal(3, merged.Value!.ItemCount);
        Assert.Equal(["r0", "r1", "r2"], merged.Value.ReservationIds);
        Assert.Equal(2, merged.Value.UnitsBySku["X"]);
        Assert.Equal(1, merged.Value.UnitsBySku["Y"]);
    }

    [Fact]
    public async Task MergeResults_NoItems_Rejects()
    {
        var merged = await new BatchActivities(null!).MergeResults(new StepInput<BatchMergeInput>("k", new BatchMergeInput("b", [])), CancellationToken.None);

        Assert.Equal("nothing_to_merge", merged.RejectionCode);
    }

    [Fact]
    public async Task MergeResults_MissingReservation_Rejects()
    {
        var merged = await new BatchActivities(null!).MergeResults(new StepInput<BatchMergeInput>("k", new BatchMergeInput("b", [new(0, "X", "")])), CancellationToken.None);

        Assert.Equal("missing_reservation", merged.RejectionCode);
    }
}
