using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Seats;

/// <summary>
/// Seats: hold seats for a while (<see cref="ParticipantsOptions.HoldDuration"/>), confirm a hold into tickets, or
/// release it. A hold past its expiry frees its seats: every operation and read first sweeps expired holds, using the
/// injected <see cref="TimeProvider"/>. Checks and changes run in one locked transaction: no double booking.
/// </summary>
internal sealed class SeatsService : IDisposable
{
    public const string Hold = "hold";
    public const string Confirm = "confirm";
    public const string Release = "release";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS seats (
            event_id TEXT NOT NULL REFERENCES events (event_id),
            seat_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('free', 'held', 'sold')),
            hold_id TEXT NULL,
            ticket_id TEXT NULL,
            PRIMARY KEY (event_id, seat_id));
        CREATE TABLE IF NOT EXISTS holds (
            hold_id TEXT PRIMARY KEY,
            hold_key TEXT NOT NULL UNIQUE,
            event_id TEXT NOT NULL,
            booking_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            seat_ids TEXT NOT NULL,
            status TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            payment_id TEXT NULL,
            ticket_ids TEXT NULL,
            created_at TEXT NOT NULL);
        """;

    private readonly TimeSpan _holdDuration;
    private readonly TimeProvider _time;

    public SeatsService(IOptions<ParticipantsOptions> options, TimeProvider time)
    {
        _holdDuration = options.Value.HoldDuration;
        _time = time;
        Database = new ParticipantDatabase(ParticipantCatalog.Seats, options.Value, Schema, Seed);
    }

    public ParticipantDatabase Database { get; }

    public static void ValidateHold(HoldSeatsRequest request, ValidationErrors errors)
    {
        errors.Required("eventId", request.EventId).Required("customerId", request.CustomerId).Required("bookingId", request.BookingId);
        if (request.SeatIds is null || request.SeatIds.Count == 0)
        {
            errors.Add("seatIds", "The seatIds field must contain at least one seat.");
        }
        else if (request.SeatIds.Count > 50)
        {
            errors.Add("seatIds", "The seatIds field must contain at most 50 seats.");
        }
        else if (request.SeatIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("seatIds", "The seatIds field must not contain blank seat ids.");
        }
        else if (request.SeatIds.Distinct(StringComparer.Ordinal).Count() != request.SeatIds.Count)
        {
            errors.Add("seatIds", "The seatIds field must not repeat a seat.");
        }
    }

    public static void ValidateConfirm(ConfirmSeatsRequest request, ValidationErrors errors) =>
        errors.Required("holdKey", request.HoldKey, 256).Required("paymentId", request.PaymentId);

    public static void ValidateRelease(ReleaseSeatsRequest request, ValidationErrors errors) =>
        errors.Required("holdKey", request.HoldKey, 256);

    public Outcome ExecuteHold(OperationContext context, HoldSeatsRequest request)
    {
        var tx = context.Transaction;
        Sweep(tx, context.Now);
        var seats = tx.List(
            "SELECT seat_id, state FROM seats WHERE event_id = $event",
            r => (Seat: r.GetString(0), State: r.GetString(1)),
            ("$event", request.EventId));
        if (seats.Count == 0)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownEvent, $"Event '{request.EventId}' does not exist.");
        }

        if (seats.TrueForAll(s => s.State != "free"))
        {
            return Outcome.Conflict(RejectionCodes.SoldOut, $"Event '{request.EventId}' is sold out.");
        }

        var states = seats.ToDictionary(s => s.Seat, s => s.State, StringComparer.Ordinal);
        var unknown = request.SeatIds.Where(s => !states.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownSeat, $"Event '{request.EventId}' has no seat {string.Join(", ", unknown)}.");
        }

        var taken = request.SeatIds.Where(s => states[s] != "free").ToList();
        if (taken.Count > 0)
        {
            return Outcome.Conflict(RejectionCodes.SeatUnavailable, $"Seat(s) {string.Join(", ", taken)} of event '{request.EventId}' are not available.");
        }

        var holdId = Ids.New("hold");
        var expiresAt = context.Now + _holdDuration;
        foreach (var seat in request.SeatIds)
        {
            tx.Execute(
                "UPDATE seats SET state = 'held', hold_id = $hold WHERE event_id = $event AND seat_id = $seat AND state = 'free'",
                ("$hold", holdId),
                ("$event", request.EventId),
                ("$seat", seat));
        }

        tx.Execute(
            """
            INSERT INTO holds (hold_id, hold_key, event_id, booking_id, customer_id, seat_ids, status, expires_at, created_at)
            VALUES ($id, $key, $event, $booking, $customer, $seats, 'held', $expires, $at)
            """,
            ("$id", holdId),
            ("$key", context.IdempotencyKey),
            ("$event", request.EventId),
            ("$booking", request.BookingId),
            ("$customer", request.CustomerId),
            ("$seats", JsonSerializer.Serialize(request.SeatIds, ParticipantJson.Options)),
            ("$expires", Timestamps.Format(expiresAt)),
            ("$at", Timestamps.Format(context.Now)));
        return Outcome.Ok(new HoldSeatsResponse(holdId, request.EventId, request.SeatIds, expiresAt));
    }

    public Outcome ExecuteConfirm(OperationContext context, ConfirmSeatsRequest request)
    {
        Sweep(context.Transaction, context.Now);
        var hold = FindHold(context.Transaction, request.HoldKey);
        if (hold is null)
        {
            return Outcome.Unprocessable(RejectionCodes.HoldNotFound, $"No hold was made with key '{request.HoldKey}'.");
        }

        switch (hold.Status)
        {
            case "expired":
                return Outcome.Conflict(RejectionCodes.HoldExpired, $"Hold {hold.HoldId} expired at {Timestamps.Format(hold.ExpiresAt)}; its seats were released.");
            case "released":
                return Outcome.Conflict(RejectionCodes.HoldReleased, $"Hold {hold.HoldId} was released.");
            case "confirmed":
                return Outcome.Ok(new ConfirmSeatsResponse(hold.HoldId, hold.TicketIds ?? []));
            default:
                break;
        }

        var tickets = new List<string>();
        foreach (var seat in hold.SeatIds)
        {
            var ticketId = Ids.New("tkt");
            tickets.Add(ticketId);
            context.Transaction.Execute(
                "UPDATE seats SET state = 'sold', ticket_id = $ticket WHERE event_id = $event AND seat_id = $seat AND hold_id = $hold",
                ("$ticket", ticketId),
                ("$event", hold.EventId),
                ("$seat", seat),
                ("$hold", hold.HoldId));
        }

        context.Transaction.Execute(
            "UPDATE holds SET status = 'confirmed', payment_id = $payment, ticket_ids = $tickets WHERE hold_id = $id",
            ("$payment", request.PaymentId),
            ("$tickets", JsonSerializer.Serialize(tickets, ParticipantJson.Options)),
            ("$id", hold.HoldId));
        return Outcome.Ok(new ConfirmSeatsResponse(hold.HoldId, tickets));
    }

    public Outcome ExecuteRelease(OperationContext context, ReleaseSeatsRequest request)
    {
        Sweep(context.Transaction, context.Now);
        var hold = FindHold(context.Transaction, request.HoldKey);
        if (hold is null)
        {
            context.Tombstone(Hold, request.HoldKey, "release " + context.IdempotencyKey);
            return Outcome.Ok(new ReleaseSeatsResponse("nothing_to_release", true, null, []));
        }

        switch (hold.Status)
        {
            case "released":
                return Outcome.Ok(new ReleaseSeatsResponse("already_released", false, hold.HoldId, hold.SeatIds));
            case "expired":
                return Outcome.Ok(new ReleaseSeatsResponse("expired", false, hold.HoldId, hold.SeatIds));
            default:
                break;
        }

        context.Transaction.Execute(
            "UPDATE seats SET state = 'free', hold_id = NULL, ticket_id = NULL WHERE hold_id = $hold",
            ("$hold", hold.HoldId));
        context.Transaction.Execute("UPDATE holds SET status = 'released' WHERE hold_id = $id", ("$id", hold.HoldId));
        return Outcome.Ok(new ReleaseSeatsResponse("released", false, hold.HoldId, hold.SeatIds));
    }

    /// <summary>The event's seats (expired holds already freed); null when the event is unknown.</summary>
    public Task<EventSeats?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        Database.WriteAsync(
            tx =>
            {
                Sweep(tx, _time.GetUtcNow());
                var seats = tx.List(
                    """
                    SELECT s.seat_id, s.state, s.hold_id, h.expires_at
                    FROM seats s LEFT JOIN holds h ON h.hold_id = s.hold_id
                    WHERE s.event_id = $event ORDER BY s.position
                    """,
                    r => new SeatView(
                        r.GetString(0),
                        r.GetString(1),
                        r.NullableString(2),
                        r.GetString(1) == "held" ? r.NullableTimestamp(3) : null),
                    ("$event", eventId));
                return seats.Count == 0 ? null : new EventSeats(eventId, seats);
            },
            cancellationToken);

    public void Dispose() => Database.Dispose();

    private static void Sweep(SqliteTransaction tx, DateTimeOffset now)
    {
        var at = Timestamps.Format(now);
        tx.Execute(
            "UPDATE seats SET state = 'free', hold_id = NULL WHERE state = 'held' AND hold_id IN (SELECT hold_id FROM holds WHERE status = 'held' AND expires_at <= $now)",
            ("$now", at));
        tx.Execute("UPDATE holds SET status = 'expired' WHERE status = 'held' AND expires_at <= $now", ("$now", at));
    }

    private static HoldRow? FindHold(SqliteTransaction tx, string key) =>
        tx.Single(
            "SELECT hold_id, event_id, seat_ids, status, expires_at, ticket_ids FROM holds WHERE hold_key = $key",
            r => new HoldRow(
                r.GetString(0),
                r.GetString(1),
                JsonSerializer.Deserialize<List<string>>(r.GetString(2), ParticipantJson.Options) ?? [],
                r.GetString(3),
                r.Timestamp(4),
                r.IsDBNull(5) ? null : JsonSerializer.Deserialize<List<string>>(r.GetString(5), ParticipantJson.Options)),
            ("$key", key));

    private static void Seed(SqliteTransaction tx)
    {
        tx.Execute("INSERT INTO events (event_id, name) VALUES ('EVT-001', 'Open-air concert'), ('EVT-002', 'Sold-out final')");
        for (var i = 1; i <= 20; i++)
        {
            tx.Execute(
                "INSERT INTO seats (event_id, seat_id, position, state) VALUES ('EVT-001', $seat, $i, 'free')",
                ("$seat", "A" + i.ToString(CultureInfo.InvariantCulture)),
                ("$i", i));
        }

        for (var i = 1; i <= 10; i++)
        {
            tx.Execute(
                "INSERT INTO seats (event_id, seat_id, position, state, ticket_id) VALUES ('EVT-002', $seat, $i, 'sold', $ticket)",
                ("$seat", "A" + i.ToString(CultureInfo.InvariantCulture)),
                ("$i", i),
                ("$ticket", "tkt_seed_" + i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private sealed record HoldRow(string HoldId, string EventId, List<string> SeatIds, string Status, DateTimeOffset ExpiresAt, List<string>? TicketIds);
}
