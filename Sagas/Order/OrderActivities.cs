using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Order;

/// <summary>The order saga's steps and compensations, each a call to one participant with the kernel's idempotency key.</summary>
public sealed class OrderActivities(PaymentsClient payments, InventoryClient inventory, ShippingClient shipping, NotificationsClient notifications)
{
    public async Task<StepResult<ChargeResponse>> ChargePayment(StepInput<ChargeRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await payments.ChargeAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> RefundPayment(CompensationInput<ChargeRequest, ChargeResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var refund = (await payments.RefundAsync(input.IdempotencyKey, new RefundRequest(input.StepKey, "order saga compensation"), ct)).Undone("refund");
        return refund.NothingToUndo
            ? $"nothing to refund for order {input.StepData.OrderId}"
            : $"{refund.Status} payment {refund.PaymentId} ({refund.Amount})";
    }

    public async Task<StepResult<ReserveResponse>> ReserveInventory(StepInput<ReserveRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await inventory.ReserveAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> ReleaseInventory(CompensationInput<ReserveRequest, ReserveResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var release = (await inventory.ReleaseAsync(input.IdempotencyKey, new ReleaseRequest(input.StepKey), ct)).Undone("release");
        return release.NothingToUndo
            ? $"nothing to release for order {input.StepData.OrderId}"
            : $"{release.Status} reservation {release.ReservationId}";
    }

    public async Task<StepResult<ShipmentResponse>> CreateShipment(StepInput<CreateShipmentRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await shipping.CreateAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> CancelShipment(CompensationInput<CreateShipmentRequest, ShipmentResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancel = (await shipping.CancelAsync(input.IdempotencyKey, new CancelShipmentRequest(input.StepKey), ct)).Undone("cancel shipment");
        return cancel.NothingToUndo
            ? $"nothing to cancel for order {input.StepData.OrderId}"
            : $"{cancel.Status} shipment {cancel.ShipmentId}";
    }

    public async Task<StepResult<SendEmailResponse>> SendConfirmation(StepInput<SendEmailRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await notifications.SendAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }
}
