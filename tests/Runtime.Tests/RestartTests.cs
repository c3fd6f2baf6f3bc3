namespace SagaFunctions.Runtime.Tests;

public sealed class RestartTests
{
    private static DurableRuntimeBuilder AddEcho(DurableRuntimeBuilder builder) => builder
        .AddOrchestrator("Echo", async ctx =>
        {
            var input = ctx.GetInput<string>();
            var suffix = await ctx.WaitForExternalEvent<string>("go");
            return input + suffix;
        });

    [Fact]
    public async Task RestartAsync_NewInstanceId_RunsAgainWithSameInputAndKeepsOriginal()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddEcho(fixture.Builder()));
        await runtime.Client.StartAsync("Echo", "in", "r1");
        await runtime.Client.RaiseEventAsync("r1", "go", "-1");
        await runtime.Client.WaitForCompletionAsync("r1");

        var newId = await runtime.Client.RestartAsync("r1", restartWithNewInstanceId: true);
        await runtime.Client.RaiseEventAsync(newId, "go", "-2");
        var restarted = await runtime.Client.WaitForCompletionAsync(newId);

        Assert.NotEqual("r1", newId);
        Assert.Equal("Echo", restarted.Name);
        Assert.Equal("\"in\"", restarted.SerializedInput);
        Assert.Equal("\"in-2\"", restarted.SerializedOutput);
        Assert.Equal("\"in-1\"", (await runtime.Client.GetStatusAsync("r1"))!.SerializedOutput);
    }

    [Fact]
    public async Task RestartAsync_NewInstanceIdWhileRunning_BothRun()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddEcho(fixture.Builder()));
        await runtime.Client.StartAsync("Echo", "x", "r2");

        var newId = await runtime.Client.RestartAsync("r2");
        await runtime.WaitForIdleAsync();

        Assert.Equal(OrchestrationStatus.Running, (await runtime.Client.GetStatusAsync("r2"))!.RuntimeStatus);
        Assert.Equal(OrchestrationStatus.Running, (await runtime.Client.GetStatusAsync(newId))!.RuntimeStatus);
    }

    [Fact]
    public async Task RestartAsync_SameIdFinished_ReplacesHistoryAndRunsAgain()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddEcho(fixture.Builder()));
        await runtime.Client.StartAsync("Echo", "same", "r3");
        await runtime.Client.RaiseEventAsync("r3", "go", "-first");
        await runtime.Client.WaitForCompletionAsync("r3");

        var id = await runtime.Client.RestartAsync("r3", restartWithNewInstanceId: false);
        await runtime.WaitForIdleAsync();
        var running = await runtime.Client.GetStatusAsync("r3");
        await runtime.Client.RaiseEventAsync("r3", "go", "-second");
        var status = await runtime.Client.WaitForCompletionAsync("r3");

        Assert.Equal("r3", id);
        Assert.Equal(OrchestrationStatus.Running, running!.RuntimeStatus);
        Assert.Null(running.SerializedOutput);
        Assert.Equal("\"same-second\"", status.SerializedOutput);
    }

    [Fact]
    public async Task RestartAsync_SameIdStillRunning_ThrowsAndChangesNothing()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddEcho(fixture.Builder()));
        await runtime.Client.StartAsync("Echo", "busy", "r4");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Client.RestartAsync("r4", restartWithNewInstanceId: false));
        await runtime.Client.RaiseEventAsync("r4", "go", "!");

        Assert.Contains("r4", error.Message, StringComparison.Ordinal);
        Assert.Equal("\"busy!\"", (await runtime.Client.WaitForCompletionAsync("r4")).SerializedOutput);
    }

    [Fact]
    public async Task RestartAsync_SameIdSuspended_Throws()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddEcho(fixture.Builder()));
        await runtime.Client.StartAsync("Echo", "s", "r5");
        await runtime.Client.SuspendAsync("r5");

        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Client.RestartAsync("r5", restartWithNewInstanceId: false));
        Assert.Equal(OrchestrationStatus.Suspended, (await runtime.Client.GetStatusAsync("r5"))!.RuntimeStatus);
    }

    [Fact]
    public async Task RestartAsync_UnknownInstance_ThrowsNotFound()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddEcho(fixture.Builder()));

        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() => runtime.Client.RestartAsync("missing"));

        Assert.Equal("missing", error.InstanceId);
    }
}
