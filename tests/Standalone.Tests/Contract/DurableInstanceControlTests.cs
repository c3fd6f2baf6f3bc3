using System.Net;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>Durable's suspend, resume, restart and rewind webhooks through the real pipeline, over the fake engine.</summary>
public sealed class DurableInstanceControlTests : IAsyncLifetime
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";

    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        _host.Engine.Seed("run-1", TestSagas.OrderOrchestrator, "Running", input: new { orderId = "ORD-1" });
        _host.Engine.Seed("pend-1", TestSagas.OrderOrchestrator, "Pending");
        _host.Engine.Seed("susp-1", TestSagas.OrderOrchestrator, "Suspended");
        _host.Engine.Seed("done-1", TestSagas.OrderOrchestrator, "Completed", input: new { orderId = "ORD-D" }, output: new { status = "completed" });
        _host.Engine.Seed("fail-1", TestSagas.OrderOrchestrator, "Failed", failureType: "System.Exception", failureMessage: "boom");
        _host.Engine.Seed("term-1", TestSagas.OrderOrchestrator, "Terminated");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Suspend_Running_Returns202WithoutBodyAndStatusBecomesSuspended()
    {
        var response = await _host.Client.PostAsync($"{Instances}/run-1/suspend?reason=maintenance", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(("suspend", "run-1", "maintenance"), Assert.Single(_host.Engine.Controls));
        var status = await JsonAsync(await _host.Client.GetAsync($"{Instances}/run-1"), HttpStatusCode.Accepted);
        Assert.Equal("Suspended", status.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Suspend_AlreadySuspended_Returns202()
    {
        var response = await _host.Client.PostAsync($"{Instances}/susp-1/suspend", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("suspend", "susp-1", (string?)null), Assert.Single(_host.Engine.Controls));
    }

    [Fact]
    public async Task Resume_Suspended_Returns202AndStatusBecomesRunning()
    {
        var response = await _host.Client.PostAsync($"{Instances}/susp-1/resume?reason=done", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("resume", "susp-1", "done"), Assert.Single(_host.Engine.Controls));
        var status = await JsonAsync(await _host.Client.GetAsync($"{Instances}/susp-1"), HttpStatusCode.Accepted);
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task SuspendOrResume_Unknown_Returns404(string operation)
    {
        var problem = await ProblemAsync(await _host.Client.PostAsync($"{Instances}/ghost/{operation}", null), HttpStatusCode.NotFound);

        Assert.Contains("ghost", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Controls);
    }

    [Theory]
    [InlineData("suspend", "done-1")]
    [InlineData("suspend", "fail-1")]
    [InlineData("suspend", "term-1")]
    [InlineData("resume", "done-1")]
    [InlineData("resume", "fail-1")]
    [InlineData("resume", "term-1")]
    public async Task SuspendOrResume_Finished_Returns410AndCallsNothing(string operation, string instanceId)
    {
        await ProblemAsync(await _host.Client.PostAsync($"{Instances}/{instanceId}/{operation}", null), HttpStatusCode.Gone);

        Assert.Empty(_host.Engine.Controls);
    }

    [Fact]
    public async Task Restart_CompletedByDefault_AnswersAsAStartForANewIdWithTheSameInput()
    {
        var start = await _host.Client.PostAsync("/api/sagas/order", Json("""{"orderId":"ORD-S","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":5}"""));
        var startBody = await JsonAsync(start, HttpStatusCode.Accepted);

        var response = await _host.Client.PostAsync($"{Instances}/done-1/restart", null);

        var body = await JsonAsync(response, HttpStatusCode.Accepted);
        var newId = body.GetProperty("Id").GetString();
        Assert.NotEqual("done-1", newId);
        Assert.Equal(startBody.EnumerateObject().Select(p => p.Name), body.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"http://localhost{Instances}/{newId}", response.Headers.Location!.ToString());
        Assert.Equal(response.Headers.Location.ToString(), body.GetProperty("StatusQueryGetUri").GetString());
        Assert.Equal($"http://localhost{Instances}/{newId}/restart", body.GetProperty("RestartPostUri").GetString());
        var restarted = Assert.Single(_host.Engine.Instances, i => i.InstanceId == newId);
        var original = Assert.Single(_host.Engine.Instances, i => i.InstanceId == "done-1");
        Assert.Equal(original.SerializedInput, restarted.SerializedInput);
        Assert.Equal(TestSagas.OrderOrchestrator, restarted.Name);
        Assert.Equal("Completed", original.RuntimeStatus);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task Restart_RunningWithNewInstanceId_Returns202ForANewId(string value)
    {
        var body = await JsonAsync(
            await _host.Client.PostAsync($"{Instances}/run-1/restart?restartWithNewInstanceId={value}", null), HttpStatusCode.Accepted);

        Assert.NotEqual("run-1", body.GetProperty("Id").GetString());
        Assert.Equal("Running", Assert.Single(_host.Engine.Instances, i => i.InstanceId == "run-1").RuntimeStatus);
    }

    [Theory]
    [InlineData("done-1")]
    [InlineData("fail-1")]
    [InlineData("term-1")]
    public async Task Restart_FinishedWithSameId_Returns202ForTheSameIdAndRunsItAgain(string instanceId)
    {
        var response = await _host.Client.PostAsync($"{Instances}/{instanceId}/restart?restartWithNewInstanceId=false", null);

        var body = await JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(instanceId, body.GetProperty("Id").GetString());
        Assert.Equal($"http://localhost{Instances}/{instanceId}", response.Headers.Location!.ToString());
        Assert.Equal("Pending", Assert.Single(_host.Engine.Instances, i => i.InstanceId == instanceId).RuntimeStatus);
    }

    [Theory]
    [InlineData("run-1")]
    [InlineData("pend-1")]
    [InlineData("susp-1")]
    public async Task Restart_UnfinishedWithSameId_Returns409AndRestartsNothing(string instanceId)
    {
        var problem = await ProblemAsync(
            await _host.Client.PostAsync($"{Instances}/{instanceId}/restart?restartWithNewInstanceId=false", null), HttpStatusCode.Conflict);

        Assert.Equal(instanceId, problem.GetProperty("instanceId").GetString());
        Assert.Contains("restartWithNewInstanceId=true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Controls);
        Assert.Equal(6, _host.Engine.Instances.Count);
    }

    [Fact]
    public async Task Restart_Unknown_Returns400NamingInstanceIdAsDurable()
    {
        var problem = await ValidationAsync(await _host.Client.PostAsync($"{Instances}/ghost/restart", null), "instanceId");

        Assert.Contains(
            "InstanceId does not match a valid orchestration instance",
            problem.GetProperty("errors").GetProperty("instanceId")[0].GetString(),
            StringComparison.Ordinal);
        Assert.Equal(6, _host.Engine.Instances.Count);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("nope")]
    public async Task Restart_RestartWithNewInstanceIdNotABoolean_Returns400NamingIt(string value)
    {
        var problem = await ValidationAsync(
            await _host.Client.PostAsync($"{Instances}/done-1/restart?restartWithNewInstanceId={value}", null), "restartWithNewInstanceId");

        Assert.Contains(value, problem.GetProperty("errors").GetProperty("restartWithNewInstanceId")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Controls);
    }

    [Fact]
    public async Task Rewind_Returns501ExplainingWhyAndPointingAtRestart()
    {
        var problem = await ProblemAsync(await _host.Client.PostAsync($"{Instances}/fail-1/rewind?reason=x", null), HttpStatusCode.NotImplemented);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("embedded runtime", detail, StringComparison.Ordinal);
        Assert.Contains("compensation", detail, StringComparison.Ordinal);
        Assert.Contains("restart", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("restart")]
    [InlineData("rewind")]
    public async Task KeyConfigured_ControlWebhookWithoutHeader_Returns401AndChangesNothing(string operation)
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");
        host.Engine.Seed("run-1", TestSagas.OrderOrchestrator, "Running");

        await ProblemAsync(await host.Client.PostAsync($"{Instances}/run-1/{operation}", null), HttpStatusCode.Unauthorized);

        Assert.Empty(host.Engine.Controls);
        Assert.Equal("Running", Assert.Single(host.Engine.Instances).RuntimeStatus);
    }

    [Fact]
    public async Task KeyConfigured_SuspendWithTheKey_Returns202()
    {
        await using var host = await ContractHost.StartAsync(apiKey: "s3cret");
        host.Engine.Seed("run-1", TestSagas.OrderOrchestrator, "Running");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Instances}/run-1/suspend");
        request.Headers.Add("X-Api-Key", "s3cret");

        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Equal("Suspended", Assert.Single(host.Engine.Instances).RuntimeStatus);
    }
}
