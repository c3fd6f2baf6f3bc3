using System.Net;
using System.Text.Json;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class DurableWebhookTests : IAsyncLifetime
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";
    private static readonly string[] StatusKeys =
        ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"];

    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        _host.Engine.Seed("run-1", TestSagas.OrderOrchestrator, "Running", input: new { orderId = "ORD-1" },
            customStatus: new { phase = "Running" }, createdAt: new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        _host.Engine.Seed("pend-1", TestSagas.OrderOrchestrator, "Pending");
        _host.Engine.Seed("done-1", TestSagas.OrderOrchestrator, "Completed", output: new { status = "completed" });
        _host.Engine.Seed("fail-1", TestSagas.OrderOrchestrator, "Failed", failureType: "System.Exception", failureMessage: "boom");
        _host.Engine.Seed("term-1", TestSagas.OrderOrchestrator, "Terminated");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetStatus_Running_Returns202WithLocationRetryAfterAndDurableBody()
    {
        var response = await _host.Client.GetAsync($"{Instances}/run-1");

        var body = await JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal($"http://localhost{Instances}/run-1", response.Headers.Location!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        Assert.Equal(StatusKeys, body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(TestSagas.OrderOrchestrator, body.GetProperty("name").GetString());
        Assert.Equal("run-1", body.GetProperty("instanceId").GetString());
        Assert.Equal("Running", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("ORD-1", body.GetProperty("input").GetProperty("orderId").GetString());
        Assert.Equal("Running", body.GetProperty("customStatus").GetProperty("phase").GetString());
        Assert.Equal("2030-01-02T03:04:05Z", body.GetProperty("createdTime").GetString());
    }

    [Fact]
    public async Task GetStatus_Pending_Returns202()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.GetAsync($"{Instances}/pend-1")).StatusCode);
    }

    [Fact]
    public async Task GetStatus_ShowInputFalse_OmitsTheInput()
    {
        var body = await JsonAsync(await _host.Client.GetAsync($"{Instances}/run-1?showInput=false"), HttpStatusCode.Accepted);

        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
    }

    [Fact]
    public async Task GetStatus_Completed_Returns200WithOutputAndNoLocation()
    {
        var response = await _host.Client.GetAsync($"{Instances}/done-1");

        var body = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Null(response.Headers.Location);
        Assert.Equal("completed", body.GetProperty("output").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetStatus_Failed_Returns200WithTheFailureAsOutput()
    {
        var body = await JsonAsync(await _host.Client.GetAsync($"{Instances}/fail-1"), HttpStatusCode.OK);

        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("boom", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task GetStatus_FailedWithReturnInternalServerErrorOnFailure_Returns500()
    {
        var response = await _host.Client.GetAsync($"{Instances}/fail-1?returnInternalServerErrorOnFailure=true");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task GetStatus_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.GetAsync($"{Instances}/ghost"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_ReturnsAnArrayOfStatusPayloads()
    {
        var body = await JsonAsync(await _host.Client.GetAsync(Instances), HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(5, body.GetArrayLength());
        Assert.Equal(StatusKeys, body[0].EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task List_TopAndContinuationHeader_PageThroughEverything()
    {
        var first = await _host.Client.GetAsync($"{Instances}?top=3");
        var token = Assert.Single(first.Headers.GetValues("x-ms-continuation-token"));
        Assert.Equal(3, (await JsonAsync(first, HttpStatusCode.OK)).GetArrayLength());

        using var next = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?top=3");
        next.Headers.Add("x-ms-continuation-token", token);
        var second = await _host.Client.SendAsync(next);

        Assert.Equal(2, (await JsonAsync(second, HttpStatusCode.OK)).GetArrayLength());
        Assert.False(second.Headers.Contains("x-ms-continuation-token"));
    }

    [Fact]
    public async Task List_RuntimeStatusAndPrefixFilters_AreApplied()
    {
        var body = await JsonAsync(await _host.Client.GetAsync($"{Instances}?runtimeStatus=Running,Pending&instanceIdPrefix=run"), HttpStatusCode.OK);

        Assert.Equal("run-1", Assert.Single(body.EnumerateArray()).GetProperty("instanceId").GetString());
    }

    [Theory]
    [InlineData("runtimeStatus=Sleeping", "runtimeStatus")]
    [InlineData("top=0", "top")]
    [InlineData("createdTimeFrom=soon", "createdTimeFrom")]
    public async Task List_BadQuery_Returns400(string query, string field)
    {
        await ValidationAsync(await _host.Client.GetAsync($"{Instances}?{query}"), field);
    }

    [Fact]
    public async Task List_ForeignContinuationToken_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Instances);
        request.Headers.Add("x-ms-continuation-token", "garbage");

        await ValidationAsync(await _host.Client.SendAsync(request), "x-ms-continuation-token");
    }

    [Fact]
    public async Task RaiseEvent_Running_Returns202AndForwardsAnyJson()
    {
        var response = await _host.Client.PostAsync($"{Instances}/run-1/raiseEvent/anything", Json("42"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("run-1", "anything", "42"), Assert.Single(_host.Engine.Events));
    }

    [Fact]
    public async Task RaiseEvent_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync($"{Instances}/ghost/raiseEvent/x", Json("{}")), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("done-1")]
    [InlineData("fail-1")]
    [InlineData("term-1")]
    public async Task RaiseEvent_Finished_Returns410(string instanceId)
    {
        await ProblemAsync(await _host.Client.PostAsync($"{Instances}/{instanceId}/raiseEvent/x", Json("{}")), HttpStatusCode.Gone);
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_NotJsonContentType_Returns400()
    {
        var response = await _host.Client.PostAsync($"{Instances}/run-1/raiseEvent/x", new StringContent("hello"));

        await ValidationAsync(response, "$");
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_InvalidJson_Returns400()
    {
        await ValidationAsync(await _host.Client.PostAsync($"{Instances}/run-1/raiseEvent/x", Json("{nope")), "$");
    }

    [Fact]
    public async Task Terminate_Running_Returns202WithTheReason()
    {
        var response = await _host.Client.PostAsync($"{Instances}/run-1/terminate?reason=ops", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("run-1", "ops"), Assert.Single(_host.Engine.Terminations));
    }

    [Fact]
    public async Task Terminate_Finished_Returns410()
    {
        await ProblemAsync(await _host.Client.PostAsync($"{Instances}/done-1/terminate", null), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Terminate_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync($"{Instances}/ghost/terminate", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_Finished_Returns200WithInstancesDeleted()
    {
        var body = await JsonAsync(await _host.Client.DeleteAsync($"{Instances}/done-1"), HttpStatusCode.OK);

        Assert.Equal(1, body.GetProperty("instancesDeleted").GetInt32());
        await ProblemAsync(await _host.Client.GetAsync($"{Instances}/done-1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.DeleteAsync($"{Instances}/ghost"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_Running_Returns412AndKeepsTheInstance()
    {
        await ProblemAsync(await _host.Client.DeleteAsync($"{Instances}/run-1"), HttpStatusCode.PreconditionFailed);
        Assert.Contains(_host.Engine.Instances, i => i.InstanceId == "run-1");
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemDetails()
    {
        await ProblemAsync(await _host.Client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
    }
}
