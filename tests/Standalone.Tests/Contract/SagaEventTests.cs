using System.Net;
using System.Text.Json;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class SagaEventTests : IAsyncLifetime
{
    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        _host.Engine.Seed("t-1", TestSagas.TicketingOrchestrator, "Running");
        _host.Engine.Seed("c-1", TestSagas.ClaimOrchestrator, "Running");
        _host.Engine.Seed("t-done", TestSagas.TicketingOrchestrator, "Completed", output: new { status = "confirmed" });
        _host.Engine.Seed("o-1", TestSagas.OrderOrchestrator, "Running");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RaiseEvent_PaymentOnRunningTicketing_Returns202AndForwardsThePayload()
    {
        var response = await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/payment",
            Json("""{"succeeded":true,"paymentId":"PAY-9","reason":null}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (instance, name, payload) = Assert.Single(_host.Engine.Events);
        Assert.Equal("t-1", instance);
        Assert.Equal("payment", name);
        var json = JsonDocument.Parse(payload!).RootElement;
        Assert.True(json.GetProperty("succeeded").GetBoolean());
        Assert.Equal("PAY-9", json.GetProperty("paymentId").GetString());
    }

    [Fact]
    public async Task RaiseEvent_ApprovalOnClaim_Returns202()
    {
        var response = await _host.Client.PostAsync("/api/sagas/insurance-claim/c-1/events/approval",
            Json("""{"approved":false,"approver":"adjuster-7","reason":"not covered"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("approval", Assert.Single(_host.Engine.Events).EventName);
    }

    [Fact]
    public async Task RaiseEvent_EventTheSagaDoesNotDeclare_Returns400NamingEventName()
    {
        var response = await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/approval", Json("""{"approved":true}"""));

        var problem = await ValidationAsync(response, "eventName");
        Assert.Contains("payment", problem.GetProperty("errors").GetProperty("eventName")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_SagaWithoutEvents_Returns400()
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order/o-1/events/payment", Json("""{"succeeded":true}""")), "eventName");
    }

    [Fact]
    public async Task RaiseEvent_MissingSucceeded_Returns400NamingSucceeded()
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/payment", Json("""{"paymentId":"P"}""")), "succeeded");
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_NoBody_Returns400NamingTheRequiredFlag()
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/insurance-claim/c-1/events/approval", Json("")), "approved");
    }

    [Theory]
    [InlineData("""{"approved":"yes"}""", "approved")]
    [InlineData("""{"approved":1}""", "approved")]
    [InlineData("""{"approved":true,"approver":42}""", "approver")]
    [InlineData("""[true]""", "$")]
    public async Task RaiseEvent_WrongShape_Returns400NamingTheField(string body, string field)
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/insurance-claim/c-1/events/approval", Json(body)), field);
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_OverlongReason_Returns400()
    {
        var body = $$"""{"approved":true,"reason":"{{new string('r', 501)}}"}""";

        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/insurance-claim/c-1/events/approval", Json(body)), "reason");
    }

    [Fact]
    public async Task RaiseEvent_OverlongPaymentId_Returns400AndRaisesNothing()
    {
        var body = $$"""{"succeeded":true,"paymentId":"{{new string('p', 101)}}"}""";

        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/payment", Json(body)), "paymentId");
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_MalformedJson_Returns400()
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/payment", Json("{succeeded:")), "$");
    }

    [Fact]
    public async Task RaiseEvent_OversizedBody_Returns413()
    {
        var body = $$"""{"succeeded":true,"reason":"{{new string('r', 70_000)}}"}""";

        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/payment", Json(body)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/ticketing/nope/events/payment", Json("""{"succeeded":true}""")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RaiseEvent_FinishedInstance_Returns410()
    {
        var problem = await ProblemAsync(
            await _host.Client.PostAsync("/api/sagas/ticketing/t-done/events/payment", Json("""{"succeeded":true}""")), HttpStatusCode.Gone);

        Assert.Contains("Completed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_UnknownSaga_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/teleport/t-1/events/payment", Json("""{"succeeded":true}""")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_RunningSaga_Returns202AndRaisesCancelWithTheReason()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order/o-1/cancel", Json("""{"reason":"customer changed mind"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.EndsWith("/api/sagas/order/o-1", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var (instance, name, payload) = Assert.Single(_host.Engine.Events);
        Assert.Equal(("o-1", "cancel"), (instance, name));
        Assert.Equal("customer changed mind", JsonDocument.Parse(payload!).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cancel_WithoutBody_RaisesCancelWithADefaultReason()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order/o-1/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = JsonDocument.Parse(Assert.Single(_host.Engine.Events).PayloadJson!).RootElement;
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Cancel_ReasonNotAString_Returns400()
    {
        await ValidationAsync(await _host.Client.PostAsync("/api/sagas/order/o-1/cancel", Json("""{"reason":5}""")), "reason");
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task Cancel_FinishedSaga_Returns410()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/ticketing/t-done/cancel", null), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Cancel_UnknownInstance_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/order/nope/cancel", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Terminate_RunningSaga_Returns202AndTerminatesWithoutRaisingCancel()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order/o-1/terminate?reason=stuck", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("o-1", "stuck"), Assert.Single(_host.Engine.Terminations));
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task Terminate_ReasonInBody_IsUsed()
    {
        await _host.Client.PostAsync("/api/sagas/order/o-1/terminate", Json("""{"reason":"operator"}"""));

        Assert.Equal("operator", Assert.Single(_host.Engine.Terminations).Reason);
    }

    [Fact]
    public async Task Terminate_FinishedSaga_Returns410()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/ticketing/t-done/terminate", null), HttpStatusCode.Gone);
        Assert.Empty(_host.Engine.Terminations);
    }

    [Fact]
    public async Task Terminate_UnknownInstance_Returns404()
    {
        await ProblemAsync(await _host.Client.PostAsync("/api/sagas/order/nope/terminate", null), HttpStatusCode.NotFound);
    }
}
