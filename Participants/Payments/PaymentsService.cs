using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Payments;

/// <summary>Payments: charge (rejected above the configured limit) and refund by the charge's idempotency key.</summary>
internal sealed class PaymentsService : IDisposable
{
    public const string Charge = "charge";
    public const string Refund = "refund";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS payments (
            payment_id TEXT PRIMARY KEY,
            charge_key TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            amount_cents INTEGER NOT NULL,
            status TEXT NOT NULL,
            charged_at TEXT NOT NULL,
            refund_id TEXT NULL,
            refunded_at TEXT NULL);
        """;

    private const string Columns = "payment_id, order_id, customer_id, amount_cents, status, charged_at, refunded_at, refund_id";

    private readonly decimal _limit;

    public PaymentsService(IOptions<ParticipantsOptions> options)
    {
        _limit = options.Value.Payments.Limit;
        Database = new ParticipantDatabase(ParticipantCatalog.Payments, options.Value, Schema, _ => { });
    }

    public ParticipantDatabase Database { get; }

    public static void ValidateCharge(ChargeRequest request, ValidationErrors errors) =>
        errors.Required("orderId", request.OrderId).Required("customerId", request.CustomerId).Positive("amount", request.Amount);

    public static void ValidateRefund(RefundRequest request, ValidationErrors errors) =>
        errors.Required("chargeKey", request.ChargeKey, 256);

    public Outcome ExecuteCharge(OperationContext context, ChargeRequest request)
    {
        if (request.Amount > _limit)
        {
            return Outcome.Unprocessable(RejectionCodes.OverLimit, $"The amount {request.Amount:0.00} is above the payment limit of {_limit:0.00}.");
        }

        var paymentId = Ids.New("pay");
        context.Transaction.Execute(
            """
            INSERT INTO payments (payment_id, charge_key, order_id, customer_id, amount_cents, status, charged_at)
            VALUES ($id, $key, $order, $customer, $cents, 'charged', $at)
            """,
            ("$id", paymentId),
            ("$key", context.IdempotencyKey),
            ("$order", request.OrderId),
            ("$customer", request.CustomerId),
            ("$cents", Money.ToCents(request.Amount)),
            ("$at", Timestamps.Format(context.Now)));
        return Outcome.Ok(new ChargeResponse(paymentId, request.OrderId, request.CustomerId, request.Amount, "charged"));
    }

    public Outcome ExecuteRefund(OperationContext context, RefundRequest request)
    {
        var payment = context.Transaction.Single($"SELECT {Columns} FROM payments WHERE charge_key = $key", Map, ("$key", request.ChargeKey));
        if (payment is null)
        {
            context.Tombstone(Charge, request.ChargeKey, "refund " + context.IdempotencyKey);
            return Outcome.Ok(new RefundResponse("nothing_to_refund", true, null, null, 0m));
        }

        if (payment.View.Status == "refunded")
        {
            return Outcome.Ok(new RefundResponse("already_refunded", false, payment.RefundId, payment.View.PaymentId, payment.View.Amount));
        }

        var refundId = Ids.New("ref");
        context.Transaction.Execute(
            "UPDATE payments SET status = 'refunded', refund_id = $refund, refunded_at = $at WHERE payment_id = $id",
            ("$refund", refundId),
            ("$at", Timestamps.Format(context.Now)),
            ("$id", payment.View.PaymentId));
        return Outcome.Ok(new RefundResponse("refunded", false, refundId, payment.View.PaymentId, payment.View.Amount));
    }

    public Task<PaymentView?> GetAsync(string paymentId, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => tx.Single($"SELECT {Columns} FROM payments WHERE payment_id = $id", Map, ("$id", paymentId))?.View,
            cancellationToken);

    public void Dispose() => Database.Dispose();

    private static PaymentRow Map(SqliteDataReader r) => new(
        new PaymentView(r.GetString(0), r.GetString(1), r.GetString(2), Money.FromCents(r.GetInt64(3)), r.GetString(4), r.Timestamp(5), r.NullableTimestamp(6)),
        r.NullableString(7));

    private sealed record PaymentRow(PaymentView View, string? RefundId);
}
