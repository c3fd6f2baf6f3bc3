using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class ShippingAndNotificationsTests
{
    [Fact]
    public async Task CreateShipment_ReturnsIdAndTrackingNumber()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var shipping = host.Client<ShippingClient>();

        var first = await shipping.CreateAsync("a", new CreateShipmentRequest("O-1", "C-1", [new LineItem("ITEM-001", 1)]));
        var second = await shipping.CreateAsync("b", new CreateShipmentRequest("O-2", "C-1", [new LineItem("ITEM-001", 1)]));

        Assert.StartsWith("shp_", first.Value!.ShipmentId, StringComparison.Ordinal);
        Assert.StartsWith("TRK-", first.Value.TrackingNumber, StringComparison.Ordinal);
        Assert.NotEqual(first.Value.TrackingNumber, second.Value!.TrackingNumber);
        Assert.Equal(first.Value, await shipping.GetShipmentAsync(first.Value.ShipmentId));
    }

    [Fact]
    public async Task SendEmail_IsListedInTheOutboxOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var notifications = host.Client<NotificationsClient>();

        var sent = await notifications.SendAsync("mail-1", new SendEmailRequest("ana@example.com", "Order O-1 confirmed", "Thanks!"));
        await notifications.SendAsync("mail-1", new SendEmailRequest("ana@example.com", "Order O-1 confirmed", "Thanks!"));
        await notifications.SendAsync("mail-2", new SendEmailRequest("bo@example.com", "Tickets", "Your tickets"));

        var outbox = (await notifications.GetOutboxAsync())!;
        Assert.Equal(2, outbox.Messages.Count);
        var message = outbox.Messages[0];
        Assert.Equal(sent.Value!.MessageId, message.MessageId);
        Assert.Equal(("ana@example.com", "Order O-1 confirmed", "Thanks!"), (message.To, message.Subject, message.Body));
    }

    [Fact]
    public async Task Outbox_FilteredByRecipient_ShowsOnlyTheirs()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var notifications = host.Client<NotificationsClient>();
        await notifications.SendAsync("1", new SendEmailRequest("ana@example.com", "a", "a"));
        await notifications.SendAsync("2", new SendEmailRequest("bo@example.com", "b", "b"));

        var outbox = await host.GetAsync<Outbox>("/participants/notifications/outbox?to=bo@example.com");

        Assert.Equal("bo@example.com", Assert.Single(outbox.Messages).To);
    }
}
