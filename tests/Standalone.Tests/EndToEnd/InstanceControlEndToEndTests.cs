using System.Net;
using System.Text.Json;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>Durable's suspend, resume and restart webhooks on the real app and the embedded runtime.</summary>
public sealed class InstanceControlEndToEndTests : EndToEndTestBase
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";
    private const string Claim = "insurance-claim";
    private const string Approve = """{"approved":true,"approver":"adjuster-1"}""";

    private static string ClaimBody(string claimId) =>
        $$"""{"claimId":"{{claimId}}","policyId":"POL-1","customerId":"C-1","amount":250.00,"description":"broken arm"}""";

    private async Task<JsonElement> WebhookStatusAsync(string instanceId)
    {
        var response = await Client.GetAsync($"{Instances}/{instanceId}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"status {(int)response.StatusCode}");
        return await JsonAsync(response, response.StatusCode);
    }

    private async Task PostAcceptedAsync(string path) =>
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync(path, null)).StatusCode);

    [Fact]
    public async Task SuspendThenResume_EventRaisedWhileSuspendedIsHeldAndDeliveredOnResume()
    {
        var id = await StartAsync(Claim, ClaimBody("CLM-S"));
        Assert.Equal("approval", (await SettleAsync(Claim, id)).GetProperty("progress").GetProperty("waitingFor").GetString());

        await PostAcceptedAsync($"{Instances}/{id}/suspend?reason=audit");
        await Factory.SettleAsync();
        Assert.Equal("Suspended", (await WebhookStatusAsync(id)).GetProperty("runtimeStatus").GetString());

        await RaiseAsync(Claim, id, "approval", Approve);
        var held = await SettleAsync(Claim, id);
        Assert.Equal("Suspended", held.GetProperty("runtimeStatus").GetString());
        Assert.NotEqual("paid", held.GetProperty("status").GetString());

        await PostAcceptedAsync($"{Instances}/{id}/resume?reason=audited");
        var view = await FinishAsync(Claim, id);

        Assert.Equal("paid", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Suspend_Finished_Returns410()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-S","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""");
        await FinishAsync("order", id);

        await ProblemAsync(await Client.PostAsync($"{Instances}/{id}/suspend", null), HttpStatusCode.Gone);
        await ProblemAsync(await Client.PostAsync($"{Instances}/{id}/resume", null), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Restart_CompletedWithNewId_TheNewInstanceCompletesWithTheSameInput()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-R","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""");
        await FinishAsync("order", id);

        var response = await Client.PostAsync($"{Instances}/{id}/restart", null);

        var payload = await JsonAsync(response, HttpStatusCode.Accepted);
        var newId = payload.GetProperty("Id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.Equal(payload.GetProperty("StatusQueryGetUri").GetString(), response.Headers.Location!.ToString());
        await FinishAsync("order", newId);
        var original = await WebhookStatusAsync(id);
        var restarted = await WebhookStatusAsync(newId);
        Assert.Equal("Completed", restarted.GetProperty("runtimeStatus").GetString());
        Assert.Equal(original.GetProperty("name").GetString(), restarted.GetProperty("name").GetString());
        Assert.Equal(original.GetProperty("input").GetRawText(), restarted.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task Restart_SameId_409WhileRunningThen202OnceFinishedAndTheSameIdRunsAgain()
    {
        var id = await StartAsync(Claim, ClaimBody("CLM-A"));
        await SettleAsync(Claim, id);

        var conflict = await ProblemAsync(
            await Client.PostAsync($"{Instances}/{id}/restart?restartWithNewInstanceId=false", null), HttpStatusCode.Conflict);
        Assert.Equal(id, conflict.GetProperty("instanceId").GetString());
        Assert.Equal("Running", (await WebhookStatusAsync(id)).GetProperty("runtimeStatus").GetString());

        await RaiseAsync(Claim, id, "approval", Approve);
        Assert.Equal("paid", (await FinishAsync(Claim, id)).GetProperty("status").GetString());

        var response = await Client.PostAsync($"{Instances}/{id}/restart?restartWithNewInstanceId=false", null);

        Assert.Equal(id, (await JsonAsync(response, HttpStatusCode.Accepted)).GetProperty("Id").GetString());
        var again = await SettleAsync(Claim, id);
        Assert.Equal("Running", again.GetProperty("runtimeStatus").GetString());
        Assert.Equal("approval", again.GetProperty("progress").GetProperty("waitingFor").GetString());
        Assert.Equal("CLM-A", (await WebhookStatusAsync(id)).GetProperty("input").GetProperty("claimId").GetString());
    }

    [Fact]
    public async Task Restart_UnknownInstance_Returns400NamingInstanceId()
    {
        await ValidationAsync(await Client.PostAsync($"{Instances}/no-such-instance/restart", null), "instanceId");
    }

    [Theory]
    [InlineData("suspend", "durable-suspend", "202,404,410")]
    [InlineData("resume", "durable-resume", "202,404,410")]
    [InlineData("restart", "durable-restart", "202,400,409")]
    [InlineData("rewind", "durable-rewind", "501")]
    public async Task OpenApi_DocumentsEachControlWebhookWithItsNameAndStatusCodes(string operation, string operationId, string statuses)
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty($"{Instances}/{{instanceId}}/{operation}").GetProperty("post");
        Assert.Equal(operationId, post.GetProperty("operationId").GetString());
        Assert.Equal(statuses.Split(','), post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
    }
}
