using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Claims;

/// <summary>
/// Claims: validate (rules below), request medical records, pay (refundable by the payment's idempotency key), close.
/// A claim is <c>invalid_claim</c> when its policy id does not start with <c>POL-</c> (the only known policies),
/// its amount is not in (0, 100000] with at most 2 decimals, or its description is blank. Invalid claims are kept
/// (status <c>invalid</c>) so they can still be closed.
/// </summary>
internal sealed class ClaimsService : IDisposable
{
    public const string Validate = "validate";
    public const string Records = "records";
    public const string Pay = "pay";
    public const string Refund = "refund";
    public const string Close = "close";

    public const decimal MaxClaimAmount = 100_000m;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS claims (
            claim_id TEXT PRIMARY KEY,
            policy_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            amount_cents INTEGER NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            rejection TEXT NULL,
            records_id TEXT NULL,
            payment_id TEXT NULL,
            pay_key TEXT NULL UNIQUE,
            paid_cents INTEGER NULL,
            payment_status TEXT NULL,
            resolution TEXT NULL,
            closed_at TEXT NULL,
            created_at TEXT NOT NULL);
        """;

    private const string Columns = "claim_id, policy_id, customer_id, amount_cents, status, records_id, payment_id, resolution, closed_at, rejection, paid_cents, payment_status";

    public ClaimsService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Claims, options.Value, Schema, _ => { });

    public ParticipantDatabase Database { get; }

    public static void ValidateValidate(ValidateClaimRequest request, ValidationErrors errors) =>
        errors.Required("claimId", request.ClaimId).Required("customerId", request.CustomerId);

    public static void ValidateRecords(RequestRecordsRequest request, ValidationErrors errors) => errors.Required("claimId", request.ClaimId);

    public static void ValidatePay(PayClaimRequest request, ValidationErrors errors) =>
        errors.Required("claimId", request.ClaimId).Required("customerId", request.CustomerId).Positive("amount", request.Amount);

    public static void ValidateRefund(RefundClaimRequest request, ValidationErrors errors) => errors.Required("payKey", request.PayKey, 256);

    public static void ValidateClose(CloseClaimRequest request, ValidationErrors errors)
    {
        errors.Required("claimId", request.ClaimId);
        if (request.Resolution is { Length: > 200 })
        {
            errors.Add("resolution", "The resolution field must be at most 200 characters.");
        }
    }

    /// <summary>The business rules of a claim; empty when valid.</summary>
    public static List<string> Rules(ValidateClaimRequest request)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.PolicyId) || !request.PolicyId.StartsWith("POL-", StringComparison.Ordinal) || request.PolicyId.Length <= 4)
        {
            problems.Add($"policy '{request.PolicyId}' is unknown (policy ids start with POL-)");
        }

        if (request.Amount <= 0 || request.Amount > MaxClaimAmount || !Money.HasCents(request.Amount))
        {
            problems.Add($"amount {request.Amount} must be greater than 0 and at most {MaxClaimAmount:0} with at most 2 decimals");
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            problems.Add("description is empty");
        }

        return problems;
    }

    public Outcome ExecuteValidate(OperationContext context, ValidateClaimRequest request)
    {
        var existing = Find(context.Transaction, request.ClaimId);
        if (existing is not null)
        {
            return existing.Claim.Status == "invalid"
                ? Outcome.Unprocessable(RejectionCodes.InvalidClaim, $"Claim '{request.ClaimId}' is invalid: {existing.Rejection}.")
                : Outcome.Ok(new ValidateClaimResponse(request.ClaimId, true));
        }

        var problems = Rules(request);
        var rejection = problems.Count == 0 ? null : string.Join("; ", problems);
        context.Transaction.Execute(
            """
            INSERT INTO claims (claim_id, policy_id, customer_id, amount_cents, description, status, rejection, created_at)
            VALUES ($id, $policy, $customer, $cents, $description, $status, $rejection, $at)
            """,
            ("$id", request.ClaimId),
            ("$policy", request.PolicyId ?? string.Empty),
            ("$customer", request.CustomerId),
            ("$cents", Money.ToCents(Math.Clamp(request.Amount, -MaxClaimAmount * 1000, MaxClaimAmount * 1000))),
            ("$description", request.Description ?? string.Empty),
            ("$status", rejection is null ? "validated" : "invalid"),
            ("$rejection", rejection),
            ("$at", Timestamps.Format(context.Now)));
        return rejection is null
            ? Outcome.Ok(new ValidateClaimResponse(request.ClaimId, true))
            : Outcome.Unprocessable(RejectionCodes.InvalidClaim, $"Claim '{request.ClaimId}' is invalid: {rejection}.");
    }

    public Outcome ExecuteRecords(OperationContext context, RequestRecordsRequest request)
    {
        var row = Find(context.Transaction, request.ClaimId);
        if (Refuse(row, request.ClaimId) is { } refusal)
        {
            return refusal;
        }

        if (row!.Claim.RecordsId is { } recordsId)
        {
            return Outcome.Ok(new RequestRecordsResponse(recordsId, request.ClaimId));
        }

        var id = Ids.New("rec");
        context.Transaction.Execute(
            "UPDATE claims SET records_id = $records, status = CASE WHEN status = 'validated' THEN 'records_requested' ELSE status END WHERE claim_id = $id",
            ("$records", id),
            ("$id", request.ClaimId));
        return Outcome.Ok(new RequestRecordsResponse(id, request.ClaimId));
    }

    public Outcome ExecutePay(OperationContext context, PayClaimRequest request)
    {
        var row = Find(context.Transaction, request.ClaimId);
        if (Refuse(row, request.ClaimId) is { } refusal)
        {
            return refusal;
        }

        var claim = row!.Claim;
        if (claim.CustomerId != request.CustomerId)
        {
            return Outcome.Unprocessable(RejectionCodes.InvalidClaim, $"Claim '{request.ClaimId}' belongs to another customer.");
        }

        if (request.Amount > claim.Amount)
        {
            return Outcome.Unprocessable(RejectionCodes.AmountExceedsClaim, $"Payment {request.Amount:0.00} exceeds the claimed {claim.Amount:0.00}.");
        }

        if (claim.PaymentId is { } paid && row.PaymentStatus == "paid")
        {
            return Outcome.Ok(new PayClaimResponse(paid, request.ClaimId, Money.FromCents(row.PaidCents ?? 0)));
        }

        var paymentId = Ids.New("cpay");
        context.Transaction.Execute(
            """
            UPDATE claims SET payment_id = $payment, pay_key = $key, paid_cents = $cents, payment_status = 'paid', status = 'paid'
            WHERE claim_id = $id
            """,
            ("$payment", paymentId),
            ("$key", context.IdempotencyKey),
            ("$cents", Money.ToCents(request.Amount)),
            ("$id", request.ClaimId));
        return Outcome.Ok(new PayClaimResponse(paymentId, request.ClaimId, request.Amount));
    }

    public Outcome ExecuteRefund(OperationContext context, RefundClaimRequest request)
    {
        var row = context.Transaction.Single($"SELECT {Columns} FROM claims WHERE pay_key = $key", Map, ("$key", request.PayKey));
        if (row is null)
        {
            context.Tombstone(Pay, request.PayKey, "refund " + context.IdempotencyKey);
            return Outcome.Ok(new RefundClaimResponse("nothing_to_refund", true, null));
        }

        if (row.PaymentStatus == "refunded")
        {
            return Outcome.Ok(new RefundClaimResponse("already_refunded", false, row.Claim.PaymentId));
        }

        context.Transaction.Execute(
            "UPDATE claims SET payment_status = 'refunded', status = CASE WHEN status = 'paid' THEN 'payment_refunded' ELSE status END WHERE claim_id = $id",
            ("$id", row.Claim.ClaimId));
        return Outcome.Ok(new RefundClaimResponse("refunded", false, row.Claim.PaymentId));
    }

    public Outcome ExecuteClose(OperationContext context, CloseClaimRequest request)
    {
        var row = Find(context.Transaction, request.ClaimId);
        if (row is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownClaim, $"Claim '{request.ClaimId}' was never submitted for validation.");
        }

        if (row.Claim.ClosedAt is { } closedAt)
        {
            return Outcome.Ok(new CloseClaimResponse(request.ClaimId, "closed", closedAt));
        }

        context.Transaction.Execute(
            "UPDATE claims SET status = 'closed', resolution = $resolution, closed_at = $at WHERE claim_id = $id",
            ("$resolution", request.Resolution),
            ("$at", Timestamps.Format(context.Now)),
            ("$id", request.ClaimId));
        return Outcome.Ok(new CloseClaimResponse(request.ClaimId, "closed", context.Now));
    }

    public Task<ClaimView?> GetAsync(string claimId, CancellationToken cancellationToken) =>
        Database.ReadAsync(tx => Find(tx, claimId)?.Claim, cancellationToken);

    public void Dispose() => Database.Dispose();

    private static Outcome? Refuse(ClaimRow? row, string claimId) => row switch
    {
        null => Outcome.Unprocessable(RejectionCodes.UnknownClaim, $"Claim '{claimId}' was never validated."),
        { Claim.Status: "invalid" } => Outcome.Unprocessable(RejectionCodes.InvalidClaim, $"Claim '{claimId}' is invalid: {row.Rejection}."),
        { Claim.ClosedAt: not null } => Outcome.Conflict(RejectionCodes.ClaimClosed, $"Claim '{claimId}' is closed."),
        _ => null,
    };

    private static ClaimRow? Find(SqliteTransaction tx, string claimId) =>
        tx.Single($"SELECT {Columns} FROM claims WHERE claim_id = $id", Map, ("$id", claimId));

    private static ClaimRow Map(SqliteDataReader r) => new(
        new ClaimView(r.GetString(0), r.GetString(1), r.GetString(2), Money.FromCents(r.GetInt64(3)), r.GetString(4), r.NullableString(5), r.NullableString(6), r.NullableString(7), r.NullableTimestamp(8)),
        r.NullableString(9),
        r.IsDBNull(10) ? null : r.GetInt64(10),
        r.NullableString(11));

    private sealed record ClaimRow(ClaimView Claim, string? Rejection, long? PaidCents, string? PaymentStatus);
}
