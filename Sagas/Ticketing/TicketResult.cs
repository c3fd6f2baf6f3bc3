using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Ticketing;

/// <summary>
/// Booking outcome: <c>confirmed</c>, <c>sold_out</c>, <c>payment_failed</c>, <c>expired</c>, <c>cancelled</c>, or
/// <c>failed</c> when the tickets could not be issued after the payment arrived.
/// </summary>
public sealed record TicketResult : SagaResult
{
    public required string BookingId { get; init; }

    /// <summary>The seat hold (the seeds' <c>reservationId</c>): the seats service's hold id.</summary>
    public string? ReservationId { get; init; }

    /// <summary>Until when the seats were held for payment (the hold window).</summary>
    public DateTime? ExpiresAt { get; init; }

    public string? PaymentId { get; init; }

    public IReadOnlyList<string> TicketIds { get; init; } = [];

    /// <summary>Why the payment failed, as the payment event said.</summary>
    public string? Reason { get; init; }
}
