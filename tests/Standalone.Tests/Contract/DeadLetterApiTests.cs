using System.Net;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class DeadLetterApiTests : IAsyncLifetime
{
    private const string Id = "order-7:ChargePayment";
    private const string EncodedId = "order-7%3AChargePayment";
    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        await _host.DeadLetters.AddAsync(Letter(Id, 1), CancellationToken.None);
        await _host.DeadLetters.AddAsync(Letter("order-8:ReserveInventory", 2), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_All_ReturnsEveryRecordWithParsedInput()
    {
        var page = await JsonAsync(await _host.Client.GetAsync("/api/dead-letters"), HttpStatusCode.OK);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([Id, "order-8:ReserveInventory"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("open", items[0].GetProperty("status").GetString());
        Assert.Equal("PAY-1", items[0].GetProperty("input").GetProperty("paymentId").GetString());
        Assert.Equal("RefundPayment", items[0].GetProperty("compensationActivity").GetString());
        Assert.Equal(5, items[0].GetProperty("attempts").GetInt32());
        Assert.EndsWith($"/api/dead-letters/{EncodedId}", items[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_StatusFilter_ReturnsOnlyThatStatus()
    {
        await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", null);

        var open = await JsonAsync(await _host.Client.GetAsync("/api/dead-letters?status=open"), HttpStatusCode.OK);
        var resolved = await JsonAsync(await _host.Client.GetAsync("/api/dead-letters?status=Resolved"), HttpStatusCode.OK);

        Assert.Equal("order-8:ReserveInventory", Assert.Single(open.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(Id, Assert.Single(resolved.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_UnknownParameter_Returns400NamingIt()
    {
        await ValidationAsync(await _host.Client.GetAsync("/api/dead-letters?state=open"), "state");
    }

    [Fact]
    public async Task List_RetryFailedInSnakeCase_IsTheStatusAsWritten()
    {
        var entry = await _host.DeadLetters.GetAsync(Id, CancellationToken.None);
        await _host.DeadLetters.UpdateAsync(Id, e => e with { Status = SagaFunctions.Kernel.DeadLetters.DeadLetterStatus.RetryFailed }, CancellationToken.None);
        Assert.NotNull(entry);

        var page = await JsonAsync(await _host.Client.GetAsync("/api/dead-letters?status=retry_failed"), HttpStatusCode.OK);

        Assert.Equal("retry_failed", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("lost")]
    [InlineData("7")]
    public async Task List_UnknownStatus_Returns400(string status)
    {
        await ValidationAsync(await _host.Client.GetAsync($"/api/dead-letters?status={status}"), "status");
    }

    [Fact]
    public async Task Get_EncodedId_ReturnsTheRecord()
    {
        var view = await JsonAsync(await _host.Client.GetAsync($"/api/dead-letters/{EncodedId}"), HttpStatusCode.OK);

        Assert.Equal(Id, view.GetProperty("id").GetString());
        Assert.Equal("order-7", view.GetProperty("instanceId").GetString());
        Assert.Equal("ChargePayment", view.GetProperty("stepName").GetString());
        Assert.Equal("payments unavailable", view.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Get_RawColonId_AlsoWorks()
    {
        await JsonAsync(await _host.Client.GetAsync($"/api/dead-letters/{Id}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.GetAsync("/api/dead-letters/none%3Ahere"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Retry_OpenRecord_StartsTheRetryOrchestrationAndMarksRetrying()
    {
        var response = await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null);

        var payload = await JsonAsync(response, HttpStatusCode.Accepted);
        var retryId = payload.GetProperty("Id").GetString();
        Assert.Equal($"{Id}:retry-1", retryId);
        Assert.Equal(payload.GetProperty("StatusQueryGetUri").GetString(), response.Headers.Location!.ToString());
        var started = Assert.Single(_host.Engine.Instances);
        Assert.Equal("RetryDeadLetter", started.Name);
        Assert.Equal($"\"{Id}\"", started.SerializedInput);
        var entry = await _host.DeadLetters.GetAsync(Id, CancellationToken.None);
        Assert.Equal(DeadLetterStatus.Retrying, entry!.Status);
        Assert.Equal(0, entry.RetryCount); // the retry orchestration counts the attempt when it completes
        Assert.Equal(retryId, entry.LastRetryInstanceId);
    }

    [Fact]
    public async Task Retry_WhileARetryIsRunning_Returns409()
    {
        await JsonAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Accepted);

        var problem = await ProblemAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Conflict);

        Assert.Equal($"{Id}:retry-1", problem.GetProperty("instanceId").GetString());
        Assert.Single(_host.Engine.Instances);
    }

    [Fact]
    public async Task Retry_AfterAFailedRetry_StartsTheNextAttempt()
    {
        await JsonAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Accepted);
        _host.Engine.Update($"{Id}:retry-1", i => i with { RuntimeStatus = "Completed" });
        await _host.DeadLetters.UpdateAsync(
            Id, e => e with { Status = DeadLetterStatus.RetryFailed, RetryCount = 1, LastRetryError = "still down" }, CancellationToken.None);

        var payload = await JsonAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Accepted);

        Assert.Equal($"{Id}:retry-2", payload.GetProperty("Id").GetString());
        Assert.Equal($"{Id}:retry-2", (await _host.DeadLetters.GetAsync(Id, CancellationToken.None))!.LastRetryInstanceId);
    }

    [Fact]
    public async Task Retry_WhenAnEarlierRetryInstanceCrashedUncounted_StartsUnderAFreshId()
    {
        _host.Engine.Seed($"{Id}:retry-1", "RetryDeadLetter", "Failed");

        var payload = await JsonAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Accepted);

        var retryId = payload.GetProperty("Id").GetString()!;
        Assert.StartsWith($"{Id}:retry-1-", retryId, StringComparison.Ordinal);
        Assert.Equal("Pending", _host.Engine.Instances.Single(i => i.InstanceId == retryId).RuntimeStatus);
        Assert.Equal(retryId, (await _host.DeadLetters.GetAsync(Id, CancellationToken.None))!.LastRetryInstanceId);
    }

    [Fact]
    public async Task Retry_WhenTheRetryInstanceIsAlreadyRunning_Returns409AndStartsNothingElse()
    {
        _host.Engine.Seed($"{Id}:retry-1", "RetryDeadLetter", "Running");

        var problem = await ProblemAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Conflict);

        Assert.Equal($"{Id}:retry-1", problem.GetProperty("instanceId").GetString());
        Assert.Single(_host.Engine.Instances);
    }

    [Fact]
    public async Task Retry_ResolvedRecord_Returns409AndStartsNothing()
    {
        await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", null);

        await ProblemAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/retry", null), HttpStatusCode.Conflict);
        Assert.Empty(_host.Engine.Instances);
    }

    [Fact]
    public async Task Retry_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/dead-letters/x%3Ay/retry", null), HttpStatusCode.NotFound);
        Assert.Empty(_host.Engine.Instances);
    }

    [Fact]
    public async Task Resolve_WithNote_Returns200AndStoresTheResolution()
    {
        var view = await JsonAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", Json("""{"note":"refunded by hand"}""")), HttpStatusCode.OK);

        Assert.Equal("resolved", view.GetProperty("status").GetString());
        Assert.Equal("refunded by hand", view.GetProperty("resolution").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, view.GetProperty("resolvedAt").ValueKind);
        var stored = await _host.DeadLetters.GetAsync(Id, CancellationToken.None);
        Assert.Equal(DeadLetterStatus.Resolved, stored!.Status);
        Assert.Equal("refunded by hand", stored.Resolution);
    }

    [Fact]
    public async Task Resolve_Twice_Returns409()
    {
        await JsonAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", null), HttpStatusCode.OK);

        await ProblemAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Resolve_Unknown_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/dead-letters/x%3Ay/resolve", null), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"note":12}""", "note")]
    [InlineData("""["note"]""", "$")]
    [InlineData("""{"note":""", "$")]
    public async Task Resolve_BadBody_Returns400AndLeavesTheRecordOpen(string body, string field)
    {
        await ValidationAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", Json(body)), field);
        Assert.Equal(DeadLetterStatus.Open, (await _host.DeadLetters.GetAsync(Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Resolve_OverlongNote_Returns400()
    {
        var body = $$"""{"note":"{{new string('n', 1001)}}"}""";

        await ValidationAsync(await _host.Client.PostAsync($"/api/dead-letters/{EncodedId}/resolve", Json(body)), "note");
    }

    internal static DeadLetter Letter(string id, int minute) => new(
        id,
        "order",
        id.Split(':')[0],
        id.Split(':')[1],
        "RefundPayment",
        """{"idempotencyKey":"k","paymentId":"PAY-1"}""",
        "SagaFunctions.Participants.Client.ParticipantUnavailableException",
        "payments unavailable",
        5,
        new DateTime(2030, 1, 1, 0, minute, 0, DateTimeKind.Utc),
        new DateTime(2030, 1, 1, 0, minute, 30, DateTimeKind.Utc));
}
