using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;
using SagaFunctions.Participants.Inventory;

namespace SagaFunctions.Participants.Shipping;

/// <summary>Shipping: create a shipment (with a tracking number) and cancel it by the creation's idempotency key.</summary>
internal sealed class ShippingService : IDisposable
{
    public const string Create = "create";
    public const string Cancel = "cancel";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS shipments (
            shipment_id TEXT PRIMARY KEY,
            shipment_key TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            items TEXT NOT NULL,
            tracking_number TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            cancelled_at TEXT NULL);
        """;

    public ShippingService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Shipping, options.Value, Schema, _ => { });

    public ParticipantDatabase Database { get; }

    public static void ValidateCreate(CreateShipmentRequest request, ValidationErrors errors)
    {
        errors.Required("orderId", request.OrderId).Required("customerId", request.CustomerId);
        InventoryService.ValidateItems(request.Items, errors);
    }

    public static void ValidateCancel(CancelShipmentRequest request, ValidationErrors errors) =>
        errors.Required("shipmentKey", request.ShipmentKey, 256);

    public Outcome ExecuteCreate(OperationContext context, CreateShipmentRequest request)
    {
        var shipmentId = Ids.New("shp");
        var sequence = context.Transaction.Scalar<long>("SELECT COUNT(*) FROM shipments") + 1;
        var tracking = $"TRK-{context.Now:yyyyMMdd}-{sequence.ToString("D6", CultureInfo.InvariantCulture)}";
        context.Transaction.Execute(
            """
            INSERT INTO shipments (shipment_id, shipment_key, order_id, customer_id, items, tracking_number, status, created_at)
            VALUES ($id, $key, $order, $customer, $items, $tracking, 'created', $at)
            """,
            ("$id", shipmentId),
            ("$key", context.IdempotencyKey),
            ("$order", request.OrderId),
            ("$customer", request.CustomerId),
            ("$items", JsonSerializer.Serialize(request.Items, ParticipantJson.Options)),
            ("$tracking", tracking),
            ("$at", Timestamps.Format(context.Now)));
        return Outcome.Ok(new ShipmentResponse(shipmentId, request.OrderId, request.CustomerId, tracking, "created"));
    }

    public Outcome ExecuteCancel(OperationContext context, CancelShipmentRequest request)
    {
        var shipment = context.Transaction.Single(
            "SELECT shipment_id, order_id, customer_id, tracking_number, status FROM shipments WHERE shipment_key = $key",
            Map,
            ("$key", request.ShipmentKey));
        if (shipment is null)
        {
            context.Tombstone(Create, request.ShipmentKey, "cancel " + context.IdempotencyKey);
            return Outcome.Ok(new CancelShipmentResponse("nothing_to_cancel", true, null));
        }

        if (shipment.Status == "cancelled")
        {
            return Outcome.Ok(new CancelShipmentResponse("already_cancelled", false, shipment.ShipmentId));
        }

        context.Transaction.Execute(
            "UPDATE shipments SET status = 'cancelled', cancelled_at = $at WHERE shipment_id = $id",
            ("$at", Timestamps.Format(context.Now)),
            ("$id", shipment.ShipmentId));
        return Outcome.Ok(new CancelShipmentResponse("cancelled", false, shipment.ShipmentId));
    }

    public Task<ShipmentResponse?> GetAsync(string shipmentId, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => tx.Single(
                "SELECT shipment_id, order_id, customer_id, tracking_number, status FROM shipments WHERE shipment_id = $id",
                Map,
                ("$id", shipmentId)),
            cancellationToken);

    public void Dispose() => Database.Dispose();

    private static ShipmentResponse Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));
}
