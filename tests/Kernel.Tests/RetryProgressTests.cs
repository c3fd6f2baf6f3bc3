using System.Text.Json;

namespace SagaFunctions.Kernel.Tests;

/// <summary>A retry in progress is published in the saga's status, from the context's clock, and cleared when the step settles.</summary>
public sealed class RetryProgressTests
{
    private static readonly DateTime Start = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Step_FailedAttempt_PublishesAttemptLastErrorAndNextAttemptTime()
    {
        var context = new FakeOrchestrationContext("o-1", Start).Fails("Ship", times: 2, thenValue: StepResult.Ok(1));
        var saga = new Saga(context, "order", SagaOptions.Default with { StepRetry = new RetryPolicy(3, TimeSpan.FromSeconds(4), 2.0) });

        await saga.Step<int>("Ship", null);

        var retrying = context.Statuses.Where(s => s.Retries.Count > 0).ToList();
        Assert.Equal(2, retrying.Count);
        var first = Assert.Single(retrying[0].Retries);
        Assert.Equal(new StepRetry("Ship", "step", 1, 3, first.ErrorCode, first.ErrorMessage, Start.AddSeconds(4)), first);
        Assert.False(string.IsNullOrEmpty(first.ErrorMessage));
        Assert.Equal("Ship", retrying[0].CurrentStep);
        Assert.Equal(2, Assert.Single(retrying[1].Retries).Attempt);
        Assert.Empty(context.Statuses[^1].Retries);
    }

    [Fact]
    public async Task Compensation_FailedAttempt_PublishesACompensationRetry()
    {
        var context = new FakeOrchestrationContext("o-2", Start)
            .Returns("Charge", 1)
            .Rejects<int>("Reserve", "out_of_stock")
            .On("Refund", (_, attempt) => attempt == 1 ? throw new ActivityFailedException("Refund", "System.TimeoutException", "slow") : "refunded");
        var saga = new Saga(context, "order");

        try
        {
            await saga.Step<int>("Charge", null).CompensateWith("Refund");
            await saga.Step<int>("Reserve", null);
        }
        catch (SagaFailedException ex)
        {
            await saga.CompensateAsync(ex.Failure);
        }

        var retry = context.Statuses.SelectMany(s => s.Retries).First();
        Assert.Equal(("Charge", "compensation", 1), (retry.Step, retry.Kind, retry.Attempt));
        Assert.Equal("System.TimeoutException", retry.ErrorCode);
        Assert.Empty(context.Statuses[^1].Retries);
    }

    [Theory]
    [InlineData(SagaPhase.CompensationFailed, "\"compensation_failed\"")]
    [InlineData(SagaPhase.ManualInterventionRequired, "\"manual_intervention_required\"")]
    public void Phase_IsWrittenSnakeCase_AndTheOldSpellingStillReads(SagaPhase phase, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(phase));
        Assert.Equal(phase, JsonSerializer.Deserialize<SagaPhase>(json));
        Assert.Equal(phase, JsonSerializer.Deserialize<SagaPhase>($"\"{phase}\""));
    }
}
