using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Tests;

public sealed class SubOrchestrationAndContinueAsNewTests
{
    private static DurableRuntimeBuilder AddFamily(DurableRuntimeBuilder builder) => builder
        .AddOrchestrator("Parent", async ctx =>
        {
            var n = ctx.GetInput<int>();
            var child = await ctx.CallSubOrchestratorAsync<int>("Child", n);
            return child * 10;
        })
        .AddOrchestrator("Child", async ctx =>
        {
            var n = ctx.GetInput<int>();
            if (n < 0)
            {
                throw new InvalidOperationException("negative input");
            }

            return await ctx.CallActivityAsync<int>("Inc", n);
        })
        .AddActivity<int, int>("Inc", (x, _) => Task.FromResult(x + 1));

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildCompletes_ParentGetsChildOutput()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddFamily(fixture.Builder()));

        await runtime.Client.StartAsync("Parent", 4, "p");
        var status = await runtime.Client.WaitForCompletionAsync("p");
        var child = await runtime.Client.GetStatusAsync("p:1:0");

        Assert.Equal("50", status.SerializedOutput);
        Assert.Equal(OrchestrationStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("Child", child.Name);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentSeesActivityFailedExceptionNamingChild()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddFamily(fixture.Builder()));

        await runtime.Client.StartAsync("Parent", -1, "pf");
        var status = await runtime.Client.WaitForCompletionAsync("pf");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(ActivityFailedException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("'Child'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: negative input", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ParentEvictedWhileChildRuns_ParentReplaysAndCompletes()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddFamily(fixture.Builder()).Configure(o => o.MaxCachedInstances = 0));

        await runtime.Client.StartAsync("Parent", 1, "pe");
        var status = await runtime.Client.WaitForCompletionAsync("pe");

        Assert.Equal("20", status.SerializedOutput);
        Assert.True(runtime.ReplayCount > 0);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildIdAlreadyExists_ParentGetsFailure()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddFamily(fixture.Builder())
            .AddOrchestrator("Fixed", async ctx =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<int>("Child", 1, "taken");
                }
                catch (ActivityFailedException ex)
                {
                    return ex.ErrorMessage;
                }
            }));

        await runtime.Client.StartAsync("Child", 1, "taken");
        await runtime.Client.WaitForCompletionAsync("taken");
        await runtime.Client.StartAsync("Fixed", null, "fx");
        var status = await runtime.Client.WaitForCompletionAsync("fx");

        Assert.Contains("already exists", status.SerializedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildTerminated_ParentSeesFailure()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Waiter", async ctx => await ctx.WaitForExternalEvent<int>("never"))
            .AddOrchestrator("Boss", async ctx =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<int>("Waiter", null, "w-child");
                }
                catch (ActivityFailedException ex)
                {
                    return ex.ErrorType;
                }
            }));

        await runtime.Client.StartAsync("Boss", null, "boss");
        await runtime.WaitForIdleAsync();
        Assert.True(await runtime.Client.TerminateAsync("w-child", "stop"));
        var status = await runtime.Client.WaitForCompletionAsync("boss");

        Assert.Equal("\"SagaFunctions.Runtime.InstanceTerminated\"", status.SerializedOutput);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_UnknownName_ThrowsUnknownOrchestrator()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Lost", async ctx => await ctx.CallSubOrchestratorAsync<int>("Nobody")));

        await runtime.Client.StartAsync("Lost", null, "lost");
        var status = await runtime.Client.WaitForCompletionAsync("lost");

        Assert.Equal(typeof(UnknownOrchestratorException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("'Nobody'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_InvalidChildId_ThrowsArgumentExceptionInOrchestrator()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddFamily(fixture.Builder())
            .AddOrchestrator("BadChild", async ctx =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<int>("Child", 1, "bad\u0001id");
                }
                catch (ArgumentException ex)
                {
                    return ex.Message;
                }
            }));

        await runtime.Client.StartAsync("BadChild", null, "bc");
        var status = await runtime.Client.WaitForCompletionAsync("bc");

        Assert.Contains("control characters", status.SerializedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_Loop_CompletesWithLastGenerationAndBoundedHistory()
    {
        using var temp = new TempFolder();
        var path = temp.File("can.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .AddOrchestrator("Counter", async ctx =>
                {
                    var n = ctx.GetInput<int>();
                    var next = await ctx.CallActivityAsync<int>("Inc", n);
                    if (next < 5)
                    {
                        ctx.ContinueAsNew(next);
                        return null;
                    }

                    return next;
                })
                .AddActivity<int, int>("Inc", (x, _) => Task.FromResult(x + 1)));

            await runtime.Client.StartAsync("Counter", 0, "cnt");
            var status = await runtime.Client.WaitForCompletionAsync("cnt");

            Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
            Assert.Equal("5", status.SerializedOutput);
            Assert.Equal("4", status.SerializedInput);
        }

        // Only the last generation's history is kept: started, scheduled, completed.
        Assert.Equal(3L, EventAndTimerTests.CountRows(path, "history WHERE instance_id = 'cnt'"));
    }

    [Fact]
    public async Task ContinueAsNew_UnconsumedEvents_AreCarriedIntoNextGeneration()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Carry", async ctx =>
            {
                var generation = ctx.GetInput<int>();
                if (generation == 0)
                {
                    await ctx.WaitForExternalEvent<string>("rotate");
                    ctx.ContinueAsNew(1);
                    return null;
                }

                return await ctx.WaitForExternalEvent<string>("payload");
            }));

        await runtime.Client.StartAsync("Carry", 0, "carry");
        await runtime.Client.RaiseEventAsync("carry", "payload", "kept");
        await runtime.Client.RaiseEventAsync("carry", "rotate", "now");
        var status = await runtime.Client.WaitForCompletionAsync("carry");

        Assert.Equal("\"kept\"", status.SerializedOutput);
    }
}
