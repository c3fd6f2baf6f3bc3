using System.Text.Json;
using SagaFunctions.Kernel.Choreography;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Sagas.Choreography;

/// <summary>
/// The order saga without an orchestrator: each participant-side handler consumes one message, does its local step
/// idempotently (the key is the choreography id and the step, stable across redeliveries) and publishes the next
/// message. A rejection publishes the compensations of what was done, which the earlier services undo in reverse:
/// <code>
/// placed → payments.charge → inventory.reserve → shipping.create → notifications.send → completed
///                 ✗ failed      ✗ payments.refund   ✗ inventory.release → payments.refund → compensated
/// </code>
/// A message that keeps failing technically is poisoned by the transport, which calls <see cref="Poisoned"/>: a step
/// whose answer was lost is in doubt and is undone by key; a compensation that cannot run ends the order <c>failed</c>.
/// The handlers are transport-neutral: Standalone delivers messages from its SQLite queue.
/// </summary>
public sealed class OrderChoreography(PaymentsClient payments, InventoryClient inventory, ShippingClient shipping, NotificationsClient notifications, TimeProvider time)
{
    public const string Name = "order";

    public const string Running = "running";
    public const string Completed = "completed";
    public const string Compensated = "compensated";
    public const string Failed = "failed";

    public const string Charge = "payments.charge";
    public const string Reserve = "inventory.reserve";
    public const string Ship = "shipping.create";
    public const string Notify = "notifications.send";
    public const string CancelShipment = "shipping.cancel";
    public const string Release = "inventory.release";
    public const string Refund = "payments.refund";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every topic a handler consumes; the part before the dot is the service that handles it (<see cref="ServiceOf"/>).</summary>
    public static IReadOnlyList<string> Topics { get; } = [Charge, Reserve, Ship, Notify, CancelShipment, Release, Refund];

    /// <summary>The first message and trail entry of a new choreography.</summary>
    public ChoreographyOutcome Start(string choreographyId, Order.OrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var state = new OrderChoreographyState(order);
        return new([Event("OrderPlaced", "orders", new { order.OrderId, order.Amount })], [ChoreographyMessage.For(choreographyId, Charge, state)], null);
    }

    /// <summary>Handles one delivery. A technical failure throws (the transport redelivers); a business answer never does.</summary>
    public async Task<ChoreographyOutcome> HandleAsync(ChoreographyMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.ChoreographyId;
        var s = message.State;
        var items = s.Order.Items.Select(i => new LineItem(i.Sku, i.Quantity)).ToList();
        switch (message.Topic)
        {
            case Charge:
                var charge = await payments.ChargeAsync(Key(id, Charge), new ChargeRequest(s.Order.OrderId, s.Order.CustomerId, s.Order.Amount), ct);
                return charge.Succeeded
                    ? Then(Event("PaymentCharged", "payments", new { charge.Value!.PaymentId }), id, Reserve, s with { PaymentId = charge.Value.PaymentId })
                    : Final(Event("PaymentRejected", "payments", new { charge.Code, charge.Message }), Failed);
            case Reserve:
                var reserve = await inventory.ReserveAsync(Key(id, Reserve), new ReserveRequest(s.Order.OrderId, items), ct);
                return reserve.Succeeded
                    ? Then(Event("InventoryReserved", "inventory", new { reserve.Value!.ReservationId }), id, Ship, s with { ReservationId = reserve.Value.ReservationId })
                    : Then(Event("InventoryRejected", "inventory", new { reserve.Code, reserve.Message }), id, Refund, s with { FailureCode = reserve.Code, FailureMessage = reserve.Message });
            case Ship:
                var shipment = await shipping.CreateAsync(Key(id, Ship), new CreateShipmentRequest(s.Order.OrderId, s.Order.CustomerId, items), ct);
                return shipment.Succeeded
                    ? Then(Event("ShipmentCreated", "shipping", new { shipment.Value!.ShipmentId, shipment.Value.TrackingNumber }), id, Notify, s with { ShipmentId = shipment.Value.ShipmentId })
                    : Then(Event("ShipmentRejected", "shipping", new { shipment.Code, shipment.Message }), id, Release, s with { FailureCode = shipment.Code, FailureMessage = shipment.Message });
            case Notify:
                var email = await notifications.SendAsync(Key(id, Notify), new SendEmailRequest(s.Order.CustomerId, $"Order {s.Order.OrderId} confirmed", $"Shipment {s.ShipmentId}."), ct);
                return email.Succeeded
                    ? Final(Event("ConfirmationSent", "notifications", new { email.Value!.MessageId }), Completed, Event("OrderCompleted", "orders", null))
                    : Final(Event("ConfirmationFailed", "notifications", new { email.Code, email.Message }), Completed, Event("OrderCompleted", "orders", new { warning = "the confirmation e-mail was not sent" }));
            case CancelShipment:
                await shipping.CancelAsync(Key(id, CancelShipment), new CancelShipmentRequest(Key(id, Ship)), ct);
                return Then(Event("ShipmentCancelled", "shipping", null), id, Release, s);
            case Release:
                await inventory.ReleaseAsync(Key(id, Release), new ReleaseRequest(Key(id, Reserve)), ct);
                return Then(Event("InventoryReleased", "inventory", null), id, Refund, s);
            case Refund:
                await payments.RefundAsync(Key(id, Refund), new RefundRequest(Key(id, Charge), "order choreography compensation"), ct);
                return Final(Event("PaymentRefunded", "payments", null), Compensated, Event("OrderCompensated", "orders", new { s.FailureCode, s.FailureMessage }));
            default:
                throw new ArgumentException($"Unknown choreography topic '{message.Topic}'.", nameof(message));
        }
    }

    /// <summary>
    /// A message the transport gave up on after its attempts. A step's effect may have happened with its answer lost, so
    /// it is undone by key (in reverse); the confirmation e-mail is non-critical; a compensation that cannot run ends
    /// the order <c>failed</c> and stays in the transport's poison list for review.
    /// </summary>
    public ChoreographyOutcome Poisoned(ChoreographyMessage message, string error)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.ChoreographyId;
        var failed = message.State with { FailureCode = "poisoned", FailureMessage = error };
        var poisoned = Event("MessagePoisoned", ServiceOf(message.Topic), new { message.Topic, error });
        return message.Topic switch
        {
            Charge => Then(poisoned, id, Refund, failed),
            Reserve => Then(poisoned, id, Release, failed),
            Ship => Then(poisoned, id, CancelShipment, failed),
            Notify => Final(poisoned, Completed, Event("OrderCompleted", "orders", new { warning = "the confirmation e-mail was not sent" })),
            _ => Final(poisoned, Failed, Event("CompensationFailed", ServiceOf(message.Topic), new { message.Topic, error })),
        };
    }

    public static string ServiceOf(string topic) => topic.Split('.')[0];

    private static string Key(string choreographyId, string topic) => $"{choreographyId}:{topic}";

    private static ChoreographyOutcome Then(ChoreographyEvent evt, string choreographyId, string topic, OrderChoreographyState state) =>
        new([evt], [ChoreographyMessage.For(choreographyId, topic, state)], null);

    private static ChoreographyOutcome Final(ChoreographyEvent evt, string status, ChoreographyEvent? last = null) =>
        new(last is null ? [evt] : [evt, last], [], status);

    private ChoreographyEvent Event(string type, string service, object? data) =>
        new(type, service, time.GetUtcNow(), data is null ? null : JsonSerializer.SerializeToElement(data, Json));
}
