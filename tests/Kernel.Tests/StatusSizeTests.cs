using System.Text.Json;

namespace SagaFunctions.Kernel.Tests;

public class StatusSizeTests
{
    private static SagaStatus Status(int steps, int messageLength) => new(
        "batch",
        SagaPhase.CompensationFailed,
        null,
        [.. Enumerable.Range(0, steps).Select(i => $"ProcessItem[{i}]")],
        [.. Enumerable.Range(0, steps).Select(i => $"ProcessItem[{i}]")],
        [.. Enumerable.Range(0, steps).Select(i => new StepError($"ProcessItem[{i}]", "ParticipantUnavailableException", new string('m', messageLength)))],
        [],
        [.. Enumerable.Range(0, steps).Select(i => $"warning {i}")],
        null,
        null,
        [.. Enumerable.Range(0, 32).Select(i => new TimelineEntry(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), $"ProcessItem[{i}]", "failed", new string('d', messageLength)))],
        new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Fit_HundredFailedBranchesWithLongErrors_UnderTheAzureStorageCapWithTheNewestKept()
    {
        var fitted = SagaProgress.Fit(Status(100, 2_000));

        Assert.True(JsonSerializer.Serialize(fitted, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length * 2 < 16 * 1024);
        Assert.True(fitted.Omitted > 0);
        Assert.Equal("ProcessItem[99]", fitted.CompletedSteps[^1]);
        Assert.All(fitted.FailedSteps, e => Assert.True(e.Message.Length <= SagaProgress.MaxTextChars));
    }

    [Fact]
    public void Fit_SmallStatus_PublishedWhole()
    {
        var status = Status(3, 20);

        var fitted = SagaProgress.Fit(status);

        Assert.Equal(0, fitted.Omitted);
        Assert.Equal(status.CompletedSteps, fitted.CompletedSteps);
        Assert.Equal(status.Timeline, fitted.Timeline);
    }

    [Fact]
    public void Fit_SameStatusTwice_SameResult()
    {
        var status = Status(100, 500);

        Assert.Equal(JsonSerializer.Serialize(SagaProgress.Fit(status)), JsonSerializer.Serialize(SagaProgress.Fit(status)));
    }
}
