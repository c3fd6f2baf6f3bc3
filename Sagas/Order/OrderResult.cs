using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Order;

/// <summary>Order outcome: <c>completed</c>, <c>failed</c> or <c>cancelled</c>, with the ids of what was done (and undone).</summary>
public sealed record OrderResult : SagaResult
{
    public required string OrderId { get; init; }

    public string? PaymentId { get; init; }

    public string? ReservationId { get; init; }

    public string? ShipmentId { get; init; }

    public string? TrackingNumber { get; init; }

    /// <summary>The confirmation e-mail's message id; null when the (non-critical) e-mail failed.</summary>
    public string? ConfirmationMessageId { get; init; }
}
