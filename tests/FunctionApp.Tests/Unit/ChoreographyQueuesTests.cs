using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using SagaFunctions.FunctionApp.Choreography;
using SagaFunctions.Sagas.Choreography;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>The choreography's queue settings and message JSON, without storage.</summary>
public class ChoreographyQueuesTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["ChoreographyPaymentsQueue"] = "choreography-payments",
        ["ChoreographyInventoryQueue"] = "choreography-inventory",
        ["ChoreographyShippingQueue"] = "choreography-shipping",
        ["ChoreographyNotificationsQueue"] = "choreography-notifications",
    };

    private static ChoreographyQueues Queues(Dictionary<string, string?> settings) =>
        new(new QueueServiceClient("UseDevelopmentStorage=true"), new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void NameOf_EveryService_IsItsSetting()
    {
        var queues = Queues(Valid);

        Assert.Equal(
            ["choreography-payments", "choreography-inventory", "choreography-shipping", "choreography-notifications"],
            ChoreographyQueues.Services.Select(queues.NameOf));
        Assert.All(OrderChoreography.Topics, t => Assert.Contains(OrderChoreography.ServiceOf(t), ChoreographyQueues.Services));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Upper-Case")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("ab")]
    [InlineData("a-name-so-long-that-the-hosts-poison-suffix-would-not-fit-any-more")]
    public void Constructor_MissingOrInvalidQueueName_FailsNamingTheSetting(string? name)
    {
        var settings = new Dictionary<string, string?>(Valid) { ["ChoreographyShippingQueue"] = name };

        var error = Assert.Throws<InvalidOperationException>(() => Queues(settings));

        Assert.Contains("ChoreographyShippingQueue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhatWriteWrote_IsTheSameMessage()
    {
        var message = ChoreographyMessage.For("c-1", OrderChoreography.Reserve, new OrderChoreographyState(new OrderRequest("o", "c", [new OrderItem("ITEM-001", 2)], 10.5m), PaymentId: "PAY-1"));

        var (read, error) = ChoreographyMessageJson.Read(ChoreographyMessageJson.Write(message));

        Assert.Null(error);
        Assert.Equal(message with { State = message.State with { Order = read!.State.Order } }, read);
        Assert.Equal(message.State.Order.Items, read.State.Order.Items);
    }

    [Theory]
    [InlineData("""{"messageId":"m","choreographyId":"c","topic":"payments.charge","state":{"order":{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":"two"}],"amount":1}}}""", "$.state.order.items[0].quantity")]
    [InlineData("""{"messageId":"","choreographyId":"c","topic":"payments.charge","state":{"order":{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":1}}}""", "$.messageId")]
    [InlineData("""{"messageId":"m","choreographyId":"c","topic":"payments.charge","state":{"order":{"orderId":"o","customerId":"c","items":[{"sku":"ITEM-001","quantity":1}],"amount":-1}}}""", "$.state.order.amount")]
    [InlineData("null", "$")]
    public void Read_BadMessage_NamesTheField(string json, string path)
    {
        var (message, error) = ChoreographyMessageJson.Read(json);

        Assert.Null(message);
        Assert.Contains($"'{path}'", error, StringComparison.Ordinal);
    }
}
