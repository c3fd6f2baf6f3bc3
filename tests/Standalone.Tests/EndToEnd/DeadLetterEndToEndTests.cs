using System.Net;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>A compensation that cannot run lands in the dead-letter store; an operator fixes the cause and retries it.</summary>
public sealed class DeadLetterEndToEndTests : EndToEndTestBase
{
    private const string FailingOrder = """{"orderId":"ORD-DL","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":30.00}""";

    [Fact]
    public async Task FailedRefund_IsDeadLettered_ThenRetrySucceedsAfterTheFaultIsCleared()
    {
        var fault = await JsonAsync(await Client.PostAsync("/participants/faults",
            Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(fault.GetProperty("id").ToString()));

        var id = await StartAsync("order", FailingOrder);
        var view = await FinishAsync("order", id);

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal("failed", view.GetProperty("outcome").GetString());
        Assert.Equal("compensation_failed", view.GetProperty("phase").GetString());
        var letters = (await GetJsonAsync("/api/dead-letters?status=open")).GetProperty("items");
        var letter = Assert.Single(letters.EnumerateArray());
        var letterId = letter.GetProperty("id").GetString()!;
        Assert.Equal($"{id}:ChargePayment", letterId);
        Assert.Equal("order", letter.GetProperty("sagaName").GetString());
        Assert.Equal("RefundPayment", letter.GetProperty("compensationActivity").GetString());
        Assert.Equal(id, letter.GetProperty("instanceId").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/participants/faults")).StatusCode);
        var retry = await JsonAsync(await Client.PostAsync($"/api/dead-letters/{Uri.EscapeDataString(letterId)}/retry", null), HttpStatusCode.Accepted);
        var retryId = retry.GetProperty("Id").GetString()!;
        var retryStatus = await Factory.RunUntilFinishedAsync(retryId);

        Assert.Equal(SagaFunctions.Runtime.OrchestrationStatus.Completed, retryStatus.RuntimeStatus);
        var resolved = await GetJsonAsync($"/api/dead-letters/{Uri.EscapeDataString(letterId)}");
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(1, resolved.GetProperty("retryCount").GetInt32());
        Assert.Equal(retryId, resolved.GetProperty("lastRetryInstanceId").GetString());
        Assert.Empty((await GetJsonAsync("/api/dead-letters?status=open")).GetProperty("items").EnumerateArray());
        await ProblemAsync(await Client.PostAsync($"/api/dead-letters/{Uri.EscapeDataString(letterId)}/retry", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RetryWhileTheFaultPersists_MarksRetryFailed_ThenOperatorResolves()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults",
            Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        var id = await StartAsync("order", FailingOrder);
        await FinishAsync("order", id);
        var letterId = Uri.EscapeDataString($"{id}:ChargePayment");

        var retry = await JsonAsync(await Client.PostAsync($"/api/dead-letters/{letterId}/retry", null), HttpStatusCode.Accepted);
        await Factory.RunUntilFinishedAsync(retry.GetProperty("Id").GetString()!);

        var failed = await GetJsonAsync($"/api/dead-letters/{letterId}");
        Assert.Equal("retry_failed", failed.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(failed.GetProperty("lastRetryError").GetString()));

        var resolved = await JsonAsync(await Client.PostAsync($"/api/dead-letters/{letterId}/resolve", Json("""{"note":"refunded by hand"}""")), HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("refunded by hand", resolved.GetProperty("resolution").GetString());
    }
}
