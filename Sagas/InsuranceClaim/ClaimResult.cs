using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.InsuranceClaim;

/// <summary>
/// Claim outcome: <c>paid</c>, <c>rejected_invalid</c>, <c>rejected</c>, <c>timeout</c>, <c>payment_failed</c>,
/// <c>manual_intervention_required</c> (paid, but the claim could not be closed) or <c>cancelled</c>.
/// </summary>
public sealed record ClaimResult : SagaResult
{
    public required string ClaimId { get; init; }

    public string? RecordsId { get; init; }

    public string? Approver { get; init; }

    /// <summary>The approver's reason (approval or rejection).</summary>
    public string? Reason { get; init; }

    public string? PaymentId { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}
