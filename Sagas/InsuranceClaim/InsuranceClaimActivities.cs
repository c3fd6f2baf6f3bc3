using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.InsuranceClaim;

/// <summary>The insurance-claim saga's steps and compensations against the claims participant.</summary>
public sealed class InsuranceClaimActivities(ClaimsClient claims)
{
    /// <summary>Resolution written when a claim is closed without payment (the undo of "claim in progress").</summary>
    public const string UnpaidResolution = "closed_unpaid";

    public async Task<StepResult<ValidateClaimResponse>> ValidateClaim(StepInput<ValidateClaimRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await claims.ValidateAsync(input.IdempotencyKey, input.Data, ct);
        return result.Succeeded && !result.Value.Valid
            ? StepResult.Reject<ValidateClaimResponse>(RejectionCodes.InvalidClaim, $"Claim {input.Data.ClaimId} is not valid.")
            : result.ToStep();
    }

    public async Task<StepResult<RequestRecordsResponse>> RequestMedicalRecords(StepInput<RequestRecordsRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await claims.RequestRecordsAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    /// <summary>
    /// Undoes "records requested, claim in progress": closes the claim unpaid. A claim that a later step already
    /// closed is left as it is.
    /// </summary>
    public async Task<string> CloseClaimUnpaid(CompensationInput<RequestRecordsRequest, RequestRecordsResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await claims.CloseAsync(input.IdempotencyKey, new CloseClaimRequest(input.StepData.ClaimId, UnpaidResolution), ct);
        if (!result.Succeeded && result.Code == RejectionCodes.ClaimClosed)
        {
            return $"claim {input.StepData.ClaimId} was already closed";
        }

        var closed = result.Undone("close claim");
        return $"claim {closed.ClaimId} {closed.Status} ({UnpaidResolution})";
    }

    public async Task<StepResult<PayClaimResponse>> PayClaim(StepInput<PayClaimRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await claims.PayAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    /// <summary>Takes back a payment whose answer was lost (the pay step is in doubt); nothing to refund is a no-op.</summary>
    public async Task<string> RefundClaim(CompensationInput<PayClaimRequest, PayClaimResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var refund = (await claims.RefundAsync(input.IdempotencyKey, new RefundClaimRequest(input.StepKey), ct)).Undone("refund claim payment");
        return refund.NothingToUndo
            ? $"nothing to refund for claim {input.StepData.ClaimId}"
            : $"{refund.Status} payment {refund.PaymentId}";
    }

    public async Task<StepResult<CloseClaimResponse>> CloseClaim(StepInput<CloseClaimRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await claims.CloseAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }
}
