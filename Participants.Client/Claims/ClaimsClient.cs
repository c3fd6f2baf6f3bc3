namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the claims participant (<c>/participants/claims</c>).</summary>
public sealed class ClaimsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Validates a claim; rejection: <c>invalid_claim</c>.</summary>
    public Task<ParticipantResult<ValidateClaimResponse>> ValidateAsync(string idempotencyKey, ValidateClaimRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ValidateClaimRequest, ValidateClaimResponse>("participants/claims/validate", idempotencyKey, request, cancellationToken);

    /// <summary>Requests medical records; rejection: <c>unknown_claim</c>.</summary>
    public Task<ParticipantResult<RequestRecordsResponse>> RequestRecordsAsync(string idempotencyKey, RequestRecordsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RequestRecordsRequest, RequestRecordsResponse>("participants/claims/records", idempotencyKey, request, cancellationToken);

    /// <summary>Pays a claim; rejections: <c>unknown_claim</c>, <c>amount_exceeds_claim</c>, <c>claim_closed</c>.</summary>
    public Task<ParticipantResult<PayClaimResponse>> PayAsync(string idempotencyKey, PayClaimRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<PayClaimRequest, PayClaimResponse>("participants/claims/pay", idempotencyKey, request, cancellationToken);

    /// <summary>Takes back the payment made with <see cref="RefundClaimRequest.PayKey"/>; a no-op success when there is nothing to refund.</summary>
    public Task<ParticipantResult<RefundClaimResponse>> RefundAsync(string idempotencyKey, RefundClaimRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RefundClaimRequest, RefundClaimResponse>("participants/claims/refund", idempotencyKey, request, cancellationToken);

    /// <summary>Closes a claim; rejection: <c>unknown_claim</c>.</summary>
    public Task<ParticipantResult<CloseClaimResponse>> CloseAsync(string idempotencyKey, CloseClaimRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CloseClaimRequest, CloseClaimResponse>("participants/claims/close", idempotencyKey, request, cancellationToken);

    /// <summary>The claim, or null when unknown.</summary>
    public Task<ClaimView?> GetClaimAsync(string claimId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<ClaimView>("participants/claims/" + Uri.EscapeDataString(claimId), cancellationToken);
}
