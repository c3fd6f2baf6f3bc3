namespace SagaFunctions.Kernel.Tests;

public sealed class DeterminismTests
{
    private static async Task<List<string>> RunOnce()
    {
        var context = new FakeOrchestrationContext("same-id")
            .Returns("Charge", new Payment("P"))
            .Fails("Reserve", times: 1, thenValue: StepResult.Ok(new Reservation("R")))
            .Fails("Ship")
            .Compensates("Release", "Refund", "Unship");
        var saga = new Saga(context, "order");
        try
        {
            await saga.Step<Payment>("Charge", null).CompensateWith("Refund");
            await saga.Step<Reservation>("Reserve", null).CompensateWith("Release");
            await saga.Parallel("ship", [saga.Step<int>("Ship", null).CompensateWith("Unship")]);
        }
        catch (SagaFailedException ex)
        {
            await saga.CompensateAsync(ex.Failure);
        }

        return context.Actions;
    }

    [Fact]
    public async Task Saga_SameHistoryReplayedTwice_ProducesIdenticalActions()
    {
        var first = await RunOnce();
        var second = await RunOnce();

        Assert.Equal(first, second);
        Assert.Contains("call Ship same-id:Ship", first);
    }
}
