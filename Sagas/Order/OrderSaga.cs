using System.Globalization;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Order;

/// <summary>
/// Charge payment → reserve inventory → create shipment → send confirmation e-mail (non-critical).
/// Inventory failure refunds; shipment failure releases and refunds; an e-mail failure is a warning.
/// Outcomes: <c>completed</c>, <c>failed</c>, <c>cancelled</c>.
/// </summary>
public static class OrderSaga
{
    public const string Route = "order";

    public const string Completed = "completed";

    public const string Failed = "failed";

    /// <summary>Production retry policies (the kernel defaults).</summary>
    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>The saga as data (<c>GET /api/definitions/order</c>): what <see cref="RunAsync"/> does, step by step.</summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Charge the payment, reserve the inventory, create the shipment, then e-mail a confirmation (a failed e-mail is a warning).",
        [
            new(nameof(OrderActivities.ChargePayment), nameof(OrderActivities.RefundPayment), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(OrderActivities.ReserveInventory), nameof(OrderActivities.ReleaseInventory), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(OrderActivities.CreateShipment), nameof(OrderActivities.CancelShipment), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(OrderActivities.SendConfirmation), null, NonCritical: true, MaxAttempts: Options.StepRetry.MaxAttempts),
        ],
        [],
        [Saga.CancelEventName],
        [Completed, Failed, SagaEnd.CancelledStatus]);

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<OrderRequest, OrderResult>(Route, nameof(OrderSaga), RunAsync, Definition)
        .WithActivities<OrderActivities>();

    public static Task<OrderResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<OrderResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<OrderRequest>(context);
        var saga = new Saga(context, Route, Options);
        var items = request.Items.Select(i => new LineItem(i.Sku, i.Quantity)).ToList();
        var result = new OrderResult { Status = Failed, OrderId = request.OrderId };
        try
        {
            var payment = await saga.Step<ChargeResponse>(nameof(OrderActivities.ChargePayment), new ChargeRequest(request.OrderId, request.CustomerId, request.Amount))
                .CompensateWith(nameof(OrderActivities.RefundPayment));
            result = result with { PaymentId = payment.PaymentId };

            var reservation = await saga.Step<ReserveResponse>(nameof(OrderActivities.ReserveInventory), new ReserveRequest(request.OrderId, items))
                .CompensateWith(nameof(OrderActivities.ReleaseInventory));
            result = result with { ReservationId = reservation.ReservationId };

            var shipment = await saga.Step<ShipmentResponse>(nameof(OrderActivities.CreateShipment), new CreateShipmentRequest(request.OrderId, request.CustomerId, items))
                .CompensateWith(nameof(OrderActivities.CancelShipment));
            result = result with { ShipmentId = shipment.ShipmentId, TrackingNumber = shipment.TrackingNumber };

            var email = await saga.Optional<SendEmailResponse>(nameof(OrderActivities.SendConfirmation), ConfirmationEmail(request, payment, shipment));
            result = result with { Status = Completed, ConfirmationMessageId = email?.MessageId };
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            return await saga.CompensateAndEndAsync(ex.Failure, result, Failed);
        }
    }

    private static SendEmailRequest ConfirmationEmail(OrderRequest request, ChargeResponse payment, ShipmentResponse shipment) => new(
        request.CustomerId,
        $"Order {request.OrderId} confirmed",
        string.Create(
            CultureInfo.InvariantCulture,
            $"We charged {request.Amount:0.00} (payment {payment.PaymentId}) and shipped {request.Items.Sum(i => i.Quantity)} item(s); tracking number {shipment.TrackingNumber}."));
}
