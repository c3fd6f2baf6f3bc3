namespace SagaFunctions.Kernel.Tests;

public sealed class ParallelTests
{
    private static readonly SagaOptions NoRetry = SagaOptions.Default with { StepRetry = RetryPolicy.None };

    [Fact]
    public async Task Parallel_AllBranchesSucceed_ReturnsResultsInBranchOrder()
    {
        var context = new FakeOrchestrationContext().On("Process", (input, _) => StepResult.Ok((int)((StepInput<object?>)input!).Data! * 10));
        var saga = new Saga(context, "batch", NoRetry);

        var results = await saga.Parallel("items", [.. Enumerable.Range(1, 4).Select(i => saga.Step<int>("Process", i).Named($"Process[{i}]"))]);

        Assert.Equal([10, 20, 30, 40], results);
        Assert.Equal(4, saga.CompletedSteps.Count);
    }

    [Fact]
    public async Task Parallel_OneBranchFailsWhileOthersStillRun_NoCompensationStartsBeforeAllSettle()
    {
        var slow = new TaskCompletionSource<object?>();
        var context = new FakeOrchestrationContext()
            .On("Fast", (_, _) => StepResult.Ok(1))
            .On("Broken", (_, _) => StepResult.Reject<int>("bad_item", "bad item"))
            .OnAsync("Slow", (_, _) => slow.Task)
            .Compensates("Undo");
        var saga = new Saga(context, "batch", NoRetry);

        async Task<SagaReport?> RunAsync()
        {
            try
            {
                await saga.Parallel("items", [
                    saga.Step<int>("Fast", null).CompensateWith("Undo").Named("fast"),
                    saga.Step<int>("Broken", null).CompensateWith("Undo").Named("broken"),
                    saga.Step<int>("Slow", null).CompensateWith("Undo").Named("slow")]);
                return null;
            }
            catch (SagaFailedException ex)
            {
                return await saga.CompensateAsync(ex.Failure);
            }
        }

        var run = RunAsync();
        Assert.False(run.IsCompleted);
        Assert.DoesNotContain("Undo", context.CallNames);

        slow.SetResult(StepResult.Ok(3));
        var report = await run;

        Assert.NotNull(report);
        Assert.Equal("broken", report.Failure.Step);
        Assert.Equal(["fast", "slow"], report.Compensations.Select(c => c.Step).Order());
        Assert.Equal(2, context.AttemptsOf("Undo"));
    }

    [Fact]
    public async Task Parallel_Failure_CompensatesSucceededBranchesConcurrentlyThenEarlierSteps()
    {
        var gate = new TaskCompletionSource<object?>();
        var context = new FakeOrchestrationContext()
            .Returns("Prepare", 0)
            .On("Item", (input, _) => (int)((StepInput<object?>)input!).Data! == 3 ? StepResult.Reject<int>("bad", "bad") : StepResult.Ok(1))
            .OnAsync("UndoItem", (_, _) => gate.Task)
            .Compensates("UndoPrepare");
        var saga = new Saga(context, "batch", NoRetry);
        await saga.Step<int>("Prepare", null).CompensateWith("UndoPrepare");

        var failure = await Assert.ThrowsAsync<SagaFailedException>(() =>
            saga.Parallel("items", [.. Enumerable.Range(1, 3).Select(i => saga.Step<int>("Item", i).CompensateWith("UndoItem").Named($"Item[{i}]"))]));
        var compensation = saga.CompensateAsync(failure.Failure);

        // Both item compensations were started before either finished: they run concurrently.
        Assert.Equal(2, context.AttemptsOf("UndoItem"));
        Assert.DoesNotContain("UndoPrepare", context.CallNames);
        gate.SetResult("undone");
        var report = await compensation;

        Assert.Equal("UndoPrepare", context.CallNames.Last());
        Assert.Equal(SagaPhase.Compensated, report.Outcome);
        Assert.Equal(3, report.Compensations.Count);
    }

    [Fact]
    public async Task Parallel_InDoubtBranch_IsCompensatedWithoutResult()
    {
        var context = new FakeOrchestrationContext()
            .Returns("Ok", 1)
            .Fails("Timeout")
            .Compensates("Undo");
        var saga = new Saga(context, "batch", NoRetry);

        var ex = await Assert.ThrowsAsync<SagaFailedException>(() => saga.Parallel("items", [
            saga.Step<int>("Ok", null).CompensateWith("Undo").Named("ok"),
            saga.Step<int>("Timeout", null).CompensateWith("Undo").Named("timeout")]));
        var report = await saga.CompensateAsync(ex.Failure);

        Assert.Equal(SagaFailureKind.Failed, ex.Failure.Kind);
        Assert.Contains(report.Compensations, c => c.Step == "timeout" && c.StepWasInDoubt);
        Assert.Contains(report.Compensations, c => c.Step == "ok" && !c.StepWasInDoubt);
    }
}
