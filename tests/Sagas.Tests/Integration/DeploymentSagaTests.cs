using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class DeploymentSagaTests
{
    private const string Id = "deploy-1";

    private static DeploymentRequest Deployment(string version = "2.0.0") => new("dep-1", version, $"registry/app:{version}");

    private static async Task<string[]> VersionsAsync(SagaHarness h) =>
        [(await h.Environments.GetEnvironmentAsync("staging"))!.Version, (await h.Environments.GetEnvironmentAsync("production"))!.Version];

    private static int IndexOf(SagaHarness h, string activity) => h.Calls.ToList().IndexOf(activity);

    [Fact]
    public async Task Run_AllStagesSucceed_Deployed()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment(), Id);

        Assert.Equal("deployed", result.Status);
        Assert.NotNull(result.StagingDeployId);
        Assert.NotNull(result.ProductionDeployId);
        Assert.NotNull(result.Hostname);
        Assert.Empty(result.Logs);
        Assert.Empty(result.Compensations);
        Assert.Equal(["2.0.0", "2.0.0"], await VersionsAsync(h));
        Assert.Equal(["DeployStaging", "RunIntegrationTests", "DeployProduction", "UpdateDns"], h.Calls);
    }

    [Fact]
    public async Task Run_TestsFail_CollectsLogsThenRollsBackStaging()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment("2.0.0-fail"), Id);

        Assert.Equal("tests_failed", result.Status);
        Assert.Equal("tests_failed", result.Error?.Code);
        Assert.Equal(["RollbackStaging"], result.Compensations.Select(c => c.Activity));
        var logs = Assert.Single(result.Logs);
        Assert.Equal("staging", logs.Environment);
        Assert.NotEmpty(logs.Lines);
        Assert.Null(logs.Error);
        Assert.True(IndexOf(h, "CollectLogs") < IndexOf(h, "RollbackStaging"));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
        Assert.Equal(0, h.CallsOf("DeployProduction"));
    }

    [Fact]
    public async Task Run_TestsKeepFailingTechnically_TestsFailed()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("environments", "tests");

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment(), Id);

        Assert.Equal("tests_failed", result.Status);
        Assert.Equal(3, h.CallsOf("RunIntegrationTests"));
        Assert.Equal(["RollbackStaging"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
    }

    [Fact]
    public async Task Run_StagingDeployKeepsFailing_RollsBackStagingByKey()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("environments", "deploy", $"{Id}:DeployStaging");

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment(), Id);

        Assert.Equal("failed", result.Status);
        var rollback = Assert.Single(result.Compensations);
        Assert.Equal("RollbackStaging", rollback.Activity);
        Assert.True(rollback.StepWasInDoubt);
        Assert.Equal(["staging"], result.Logs.Select(l => l.Environment));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
    }

    [Fact]
    public async Task Run_ProductionDeployKeepsFailing_RollsBackBothWithLogs()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("environments", "deploy", $"{Id}:DeployProduction");

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(["RollbackProduction", "RollbackStaging"], result.Compensations.Select(c => c.Activity));
        Assert.True(result.Compensations[0].StepWasInDoubt);
        Assert.Equal(["production", "staging"], result.Logs.Select(l => l.Environment));
        Assert.True(IndexOf(h, "CollectLogs") < IndexOf(h, "RollbackProduction"));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
        Assert.Equal(0, h.CallsOf("UpdateDns"));
    }

    [Fact]
    public async Task Run_DnsKeepsFailing_RollsBackProductionAndStagingWithLogs()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("environments", "dns");

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("UpdateDns", result.Error?.Step);
        Assert.Equal(["RollbackProduction", "RollbackStaging"], result.Compensations.Select(c => c.Activity));
        Assert.All(result.Compensations, c => Assert.False(c.StepWasInDoubt));
        Assert.Equal(["production", "staging"], result.Logs.Select(l => l.Environment));
        Assert.All(result.Logs, l => Assert.NotEmpty(l.Lines));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
    }

    [Fact]
    public async Task Run_LogsUnavailable_StillRollsBackAndSaysWhy()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("environments", "dns");
        await h.FailAsync("environments", "logs");

        var result = await h.RunAsync<DeploymentResult>(nameof(DeploymentSaga), Deployment(), Id);

        Assert.Equal("failed", result.Status);
        Assert.All(result.Logs, l => Assert.Contains("ParticipantUnavailableException", l.Error, StringComparison.Ordinal));
        Assert.Equal(["RollbackProduction", "RollbackStaging"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
    }

    [Fact]
    public async Task Run_CancelDuringTestsRetry_CollectsLogsRollsBackStagingAndCancels()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("environments", "tests");
        await h.StartAsync(nameof(DeploymentSaga), Deployment(), Id);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("release postponed"));
        var result = await h.OutputAsync<DeploymentResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(["RollbackStaging"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(["staging"], result.Logs.Select(l => l.Environment));
        Assert.Equal(["1.0.0", "1.0.0"], await VersionsAsync(h));
    }
}
