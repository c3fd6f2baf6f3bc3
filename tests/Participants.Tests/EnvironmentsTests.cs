using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class EnvironmentsTests
{
    [Fact]
    public async Task Deploy_ReportsVersionAndPreviousVersion()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var environments = host.Client<EnvironmentsClient>();

        var first = (await environments.DeployAsync("d1", new DeployRequest("D-1", "staging", "2.0.0", "app:2.0.0"))).Value!;
        var second = (await environments.DeployAsync("d2", new DeployRequest("D-2", "staging", "2.1.0"))).Value!;

        Assert.Equal(("staging", "2.0.0", "1.0.0"), (first.Environment, first.Version, first.PreviousVersion));
        Assert.Equal("2.0.0", second.PreviousVersion);
        Assert.Equal(new EnvironmentView("staging", "2.1.0", "2.0.0"), await environments.GetEnvironmentAsync("staging"));
        Assert.Equal("1.0.0", (await environments.GetEnvironmentAsync("production"))!.Version);
    }

    [Theory]
    [InlineData("2.0.0", null, true)]
    [InlineData("2.0.0-fail", null, false)]
    [InlineData("2.0.0", "app:FAIL-tests", false)]
    public async Task RunTests_AutoOutcome_FailsWhenVersionOrImageSaysFail(string version, string? imageTag, bool passes)
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<EnvironmentsClient>().RunTestsAsync("t", new RunTestsRequest("D-1", version, imageTag));

        Assert.Equal(passes, result.Succeeded);
        if (passes)
        {
            Assert.True(result.Value!.Passed);
            Assert.Contains("42/42", result.Value.Summary, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(RejectionCodes.TestsFailed, result.Code);
            Assert.Equal(422, result.StatusCode);
            Assert.Contains("failed", result.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fail", "2.0.0", false)]
    [InlineData("pass", "2.0.0-fail", true)]
    public async Task RunTests_ConfiguredOutcome_Overrides(string outcome, string version, bool passes)
    {
        await using var host = await ParticipantsHost.StartAsync(new Dictionary<string, string?> { ["Participants:Environments:TestsOutcome"] = outcome });

        var result = await host.Client<EnvironmentsClient>().RunTestsAsync("t", new RunTestsRequest("D-1", version));

        Assert.Equal(passes, result.Succeeded);
    }

    [Fact]
    public async Task Start_InvalidTestsOutcome_FailsValidation()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            ParticipantsHost.StartAsync(new Dictionary<string, string?> { ["Participants:Environments:TestsOutcome"] = "maybe" }));

        Assert.Contains("TestsOutcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dns_PointsAtTheVersion()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<EnvironmentsClient>().UpdateDnsAsync("dns", new UpdateDnsRequest("D-1", "2.0.0"));

        Assert.Equal(new UpdateDnsResponse("app.example.com", "2.0.0", "1.0.0"), result.Value);
    }

    [Fact]
    public async Task Logs_AfterRollback_StillHoldEveryStep()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var environments = host.Client<EnvironmentsClient>();
        await environments.DeployAsync("deploy", new DeployRequest("D-1", "staging", "2.0.0-fail"));
        await environments.RunTestsAsync("tests", new RunTestsRequest("D-1", "2.0.0-fail"));
        await environments.RollbackAsync("rollback", new RollbackRequest("deploy"));

        var logs = (await environments.CollectLogsAsync("logs", new CollectLogsRequest("D-1", "staging"))).Value!;

        Assert.Equal(3, logs.Lines.Count);
        Assert.Contains("deployed 2.0.0-fail", logs.Lines[0], StringComparison.Ordinal);
        Assert.Contains("failed", logs.Lines[1], StringComparison.Ordinal);
        Assert.Contains("rolled back", logs.Lines[2], StringComparison.Ordinal);
        Assert.Empty((await environments.CollectLogsAsync("logs-prod", new CollectLogsRequest("D-1", "production"))).Value!.Lines);
    }

    [Fact]
    public async Task Rollback_AfterALaterDeploy_LeavesTheLaterVersion()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var environments = host.Client<EnvironmentsClient>();
        await environments.DeployAsync("d1", new DeployRequest("D-1", "production", "2.0.0"));
        await environments.DeployAsync("d2", new DeployRequest("D-2", "production", "3.0.0"));

        var result = (await environments.RollbackAsync("r", new RollbackRequest("d1"))).Value!;

        Assert.Equal(("rolled_back", "3.0.0"), (result.Status, result.RestoredVersion));
        Assert.Equal("3.0.0", (await environments.GetEnvironmentAsync("production"))!.Version);
    }

    [Fact]
    public async Task Deploy_UnknownEnvironment_Is400()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync("/participants/environments/deploy", "k", new DeployRequest("D-1", "qa", "2.0.0"));

        await response.ValidationProblemAsync("environment");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
