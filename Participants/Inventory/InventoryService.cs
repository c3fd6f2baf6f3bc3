using System.Text.Json;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Inventory;

/// <summary>
/// Inventory: stock per SKU; reserve (all-or-nothing across SKUs) and release by the reservation's idempotency key.
/// The check and the decrement happen in one locked transaction, and a CHECK constraint backs it: no oversell.
/// </summary>
internal sealed class InventoryService : IDisposable
{
    public const string Reserve = "reserve";
    public const string Release = "release";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS stock (
            sku TEXT PRIMARY KEY,
            available INTEGER NOT NULL CHECK (available >= 0),
            reserved INTEGER NOT NULL CHECK (reserved >= 0));
        CREATE TABLE IF NOT EXISTS reservations (
            reservation_id TEXT PRIMARY KEY,
            reservation_key TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL,
            items TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            released_at TEXT NULL);
        """;

    public InventoryService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Inventory, options.Value, Schema, Seed);

    public ParticipantDatabase Database { get; }

    public static void ValidateReserve(ReserveRequest request, ValidationErrors errors)
    {
        errors.Required("orderId", request.OrderId);
        ValidateItems(request.Items, errors);
    }

    /// <summary>Shared by inventory and shipping: 1..100 items, each with a SKU and a quantity of 1..10000.</summary>
    public static void ValidateItems(IReadOnlyList<LineItem>? items, ValidationErrors errors)
    {
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "The items field must contain at least one item.");
            return;
        }

        if (items.Count > 100)
        {
            errors.Add("items", "The items field must contain at most 100 items.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                errors.Add($"items[{i}]", "The item must not be null.");
                continue;
            }

            errors.Required($"items[{i}].sku", items[i].Sku);
            errors.Positive($"items[{i}].quantity", items[i].Quantity, 10_000);
        }
    }

    public static void ValidateRelease(ReleaseRequest request, ValidationErrors errors) =>
        errors.Required("reservationKey", request.ReservationKey, 256);

    public Outcome ExecuteReserve(OperationContext context, ReserveRequest request)
    {
        var items = request.Items
            .GroupBy(i => i.Sku, StringComparer.Ordinal)
            .Select(g => new LineItem(g.Key, g.Sum(i => i.Quantity)))
            .ToList();
        var shortages = new List<string>();
        foreach (var item in items)
        {
            var level = ReadStock(context, item.Sku);
            if (level is null)
            {
                return Outcome.Unprocessable(RejectionCodes.UnknownSku, $"SKU '{item.Sku}' does not exist.");
            }

            if (level.Stock < item.Quantity)
            {
                shortages.Add($"{item.Sku}: requested {item.Quantity}, available {level.Stock}");
            }
        }

        if (shortages.Count > 0)
        {
            return Outcome.Conflict(RejectionCodes.OutOfStock, "Insufficient stock: " + string.Join("; ", shortages) + ".");
        }

        foreach (var item in items)
        {
            context.Transaction.Execute(
                "UPDATE stock SET available = available - $q, reserved = reserved + $q WHERE sku = $sku",
                ("$q", item.Quantity),
                ("$sku", item.Sku));
        }

        var reservationId = Ids.New("res");
        context.Transaction.Execute(
            """
            INSERT INTO reservations (reservation_id, reservation_key, order_id, items, status, created_at)
            VALUES ($id, $key, $order, $items, 'reserved', $at)
            """,
            ("$id", reservationId),
            ("$key", context.IdempotencyKey),
            ("$order", request.OrderId),
            ("$items", JsonSerializer.Serialize(items, ParticipantJson.Options)),
            ("$at", Timestamps.Format(context.Now)));
        return Outcome.Ok(new ReserveResponse(reservationId, request.OrderId, items));
    }

    public Outcome ExecuteRelease(OperationContext context, ReleaseRequest request)
    {
        var reservation = context.Transaction.Single(
            "SELECT reservation_id, items, status FROM reservations WHERE reservation_key = $key",
            r => new ReservationRow(r.GetString(0), r.GetString(1), r.GetString(2)),
            ("$key", request.ReservationKey));
        if (reservation is null)
        {
            context.Tombstone(Reserve, request.ReservationKey, "release " + context.IdempotencyKey);
            return Outcome.Ok(new ReleaseResponse("nothing_to_release", true, null, []));
        }

        var (reservationId, itemsJson, status) = reservation;
        var items = JsonSerializer.Deserialize<List<LineItem>>(itemsJson, ParticipantJson.Options) ?? [];
        if (status == "released")
        {
            return Outcome.Ok(new ReleaseResponse("already_released", false, reservationId, items));
        }

        foreach (var item in items)
        {
            context.Transaction.Execute(
                "UPDATE stock SET available = available + $q, reserved = reserved - $q WHERE sku = $sku",
                ("$q", item.Quantity),
                ("$sku", item.Sku));
        }

        context.Transaction.Execute(
            "UPDATE reservations SET status = 'released', released_at = $at WHERE reservation_id = $id",
            ("$at", Timestamps.Format(context.Now)),
            ("$id", reservationId));
        return Outcome.Ok(new ReleaseResponse("released", false, reservationId, items));
    }

    public Task<StockLevel?> GetAsync(string sku, CancellationToken cancellationToken) =>
        Database.ReadAsync(tx => tx.Single("SELECT sku, available, reserved FROM stock WHERE sku = $sku", MapStock, ("$sku", sku)), cancellationToken);

    public Task<List<StockLevel>> ListAsync(CancellationToken cancellationToken) =>
        Database.ReadAsync(tx => tx.List("SELECT sku, available, reserved FROM stock ORDER BY sku", MapStock), cancellationToken);

    public void Dispose() => Database.Dispose();

    private static StockLevel? ReadStock(OperationContext context, string sku) =>
        context.Transaction.Single("SELECT sku, available, reserved FROM stock WHERE sku = $sku", MapStock, ("$sku", sku));

    private static StockLevel MapStock(Microsoft.Data.Sqlite.SqliteDataReader r) => new(r.GetString(0), r.GetInt32(1), r.GetInt32(2));

    private static void Seed(Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        foreach (var (sku, stock) in new[] { ("ITEM-001", 100), ("ITEM-002", 10), ("ITEM-003", 0) })
        {
            transaction.Execute("INSERT INTO stock (sku, available, reserved) VALUES ($sku, $stock, 0)", ("$sku", sku), ("$stock", stock));
        }
    }

    private sealed record ReservationRow(string ReservationId, string ItemsJson, string Status);
}
