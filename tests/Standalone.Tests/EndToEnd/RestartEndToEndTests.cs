using System.Net;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>The app stops mid-saga and starts again on the same data folder: the saga resumes where it was.</summary>
public sealed class RestartEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Restart_WhileWaitingForApproval_TheSagaFinishesAfterRestart()
    {
        string id;
        await using (var first = new StandaloneFactory(_directory.Path, new VirtualClock()))
        {
            using var client = first.CreateApiClient();
            var start = await JsonAsync(await client.PostAsync("/api/sagas/insurance-claim",
                Json("""{"claimId":"CLM-R","policyId":"POL-1","customerId":"C-1","amount":300.00,"description":"restart"}""")), HttpStatusCode.Accepted);
            id = start.GetProperty("Id").GetString()!;
            await first.SettleAsync();
            var waiting = await JsonAsync(await client.GetAsync($"/api/sagas/insurance-claim/{id}"), HttpStatusCode.OK);
            Assert.Equal("approval", waiting.GetProperty("progress").GetProperty("waitingFor").GetString());
        }

        await using var second = new StandaloneFactory(_directory.Path, new VirtualClock());
        using var again = second.CreateApiClient();
        var resumed = await JsonAsync(await again.GetAsync($"/api/sagas/insurance-claim/{id}"), HttpStatusCode.OK);
        Assert.Equal("Running", resumed.GetProperty("runtimeStatus").GetString());

        var raise = await again.PostAsync($"/api/sagas/insurance-claim/{id}/events/approval", Json("""{"approved":true,"approver":"a"}"""));
        Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
        await second.RunUntilFinishedAsync(id);

        var view = await JsonAsync(await again.GetAsync($"/api/sagas/insurance-claim/{id}"), HttpStatusCode.OK);
        Assert.Equal("paid", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Restart_KeepsDeadLettersAndParticipantData()
    {
        await using (var first = new StandaloneFactory(_directory.Path, new VirtualClock()))
        {
            using var client = first.CreateApiClient();
            await JsonAsync(await client.PostAsync("/participants/faults", Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
            var start = await JsonAsync(await client.PostAsync("/api/sagas/order",
                Json("""{"orderId":"ORD-R","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":10.00}""")), HttpStatusCode.Accepted);
            await first.RunUntilFinishedAsync(start.GetProperty("Id").GetString()!);
        }

        await using var second = new StandaloneFactory(_directory.Path, new VirtualClock());
        using var again = second.CreateApiClient();
        var letters = await JsonAsync(await again.GetAsync("/api/dead-letters"), HttpStatusCode.OK);
        Assert.Single(letters.GetProperty("items").EnumerateArray());
        Assert.Single((await JsonAsync(await again.GetAsync("/api/sagas?saga=order"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }
}
