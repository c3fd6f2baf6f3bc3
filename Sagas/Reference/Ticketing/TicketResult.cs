using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Ticketing;

/// <summary>Booking outcome: <c>confirmed</c>, <c>sold_out</c>, <c>payment_failed</c>, <c>expired</c>, <c>failed</c> or <c>cancelled</c>.</summary>
public sealed record TicketResult : SagaResult
{
    public required string BookingId { get; init; }

    public string? HoldId { get; init; }

    /// <summary>Until when the seats were held for payment (the hold window).</summary>
    public DateTime? ExpiresAt { get; init; }

    public string? PaymentId { get; init; }

    public IReadOnlyList<string> TicketIds { get; init; } = [];

    /// <summary>Why the payment failed, as the payment event said.</summary>
    public string? Reason { get; init; }
}
