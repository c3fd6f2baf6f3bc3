using System.Net;
using System.Text;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>Edge cases of request bodies and event routes found in review.</summary>
public sealed class InputStrictnessTests : IAsyncLifetime
{
    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        _host.Engine.Seed("t-1", TestSagas.TicketingOrchestrator, "Running");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Start_NumberSentAsString_Returns400NamingTheField()
    {
        var response = await _host.Client.PostAsync("/api/sagas/order",
            Json("""{"orderId":"O-1","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":"10"}"""));

        await ValidationAsync(response, "amount");
    }

    [Fact]
    public async Task Start_BodyWithUtf8ByteOrderMark_IsAccepted()
    {
        var json = "\uFEFF" + """{"orderId":"O-1","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10}""";

        var response = await _host.Client.PostAsync("/api/sagas/order", new StringContent(json, new UTF8Encoding(true), "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task RaiseEvent_NameInAnotherCase_IsRaisedWithTheSagasSpelling()
    {
        var response = await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/Payment",
            Json("""{"succeeded":true,"paymentId":"PAY-1"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("payment", Assert.Single(_host.Engine.Events).EventName);
    }

    [Fact]
    public async Task RaiseEvent_SucceededPaymentWithoutPaymentId_Returns400NamingPaymentId()
    {
        var response = await _host.Client.PostAsync("/api/sagas/ticketing/t-1/events/payment", Json("""{"succeeded":true}"""));

        await ValidationAsync(response, "paymentId");
        Assert.Empty(_host.Engine.Events);
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_Returns404EvenForAnUnknownEventName()
    {
        var response = await _host.Client.PostAsync("/api/sagas/ticketing/nope/events/bogus", Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
