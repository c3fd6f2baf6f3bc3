namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the payments participant (<c>/participants/payments</c>).</summary>
public sealed class PaymentsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Charges; rejections: <c>over_limit</c>.</summary>
    public Task<ParticipantResult<ChargeResponse>> ChargeAsync(string idempotencyKey, ChargeRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ChargeRequest, ChargeResponse>("participants/payments/charge", idempotencyKey, request, cancellationToken);

    /// <summary>Refunds the charge made with <see cref="RefundRequest.ChargeKey"/>; a no-op success when there is nothing to refund.</summary>
    public Task<ParticipantResult<RefundResponse>> RefundAsync(string idempotencyKey, RefundRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RefundRequest, RefundResponse>("participants/payments/refund", idempotencyKey, request, cancellationToken);

    /// <summary>The payment, or null when unknown.</summary>
    public Task<PaymentView?> GetPaymentAsync(string paymentId, CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<PaymentView>("participants/payments/" + Uri.EscapeDataString(paymentId), cancellationToken);
}
