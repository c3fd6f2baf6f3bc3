namespace SagaFunctions.Participants.Client;

/// <summary>The machine-readable <c>reason</c> of a participant's problem details (snake_case).</summary>
public static class RejectionCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string NotFound = "not_found";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string AlreadyCompensated = "already_compensated";
    public const string InjectedFault = "injected_fault";

    /// <summary>A business rejection injected by fault mode <c>reject</c> (422).</summary>
    public const string InjectedRejection = "injected_rejection";
    public const string PayloadTooLarge = "payload_too_large";

    public const string OverLimit = "over_limit";

    public const string OutOfStock = "out_of_stock";
    public const string UnknownSku = "unknown_sku";

    public const string InsufficientFunds = "insufficient_funds";
    public const string UnknownAccount = "unknown_account";
    public const string UnknownTransaction = "unknown_transaction";
    public const string TransferConflict = "transfer_conflict";

    public const string SoldOut = "sold_out";
    public const string SeatUnavailable = "seat_unavailable";
    public const string UnknownEvent = "unknown_event";
    public const string UnknownSeat = "unknown_seat";
    public const string HoldNotFound = "hold_not_found";
    public const string HoldExpired = "hold_expired";
    public const string HoldReleased = "hold_released";

    public const string TestsFailed = "tests_failed";

    public const string InvalidClaim = "invalid_claim";
    public const string UnknownClaim = "unknown_claim";
    public const string ClaimClosed = "claim_closed";
    public const string AmountExceedsClaim = "amount_exceeds_claim";

    public const string DualWriteDisabled = "dual_write_disabled";
    public const string UnknownMigration = "unknown_migration";
    public const string VerificationFailed = "verification_failed";
    public const string NotVerified = "not_verified";
    public const string NotSwitched = "not_switched";
}
