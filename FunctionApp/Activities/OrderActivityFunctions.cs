using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="OrderActivities"/> method (same name), each a one-line call.</summary>
public sealed class OrderActivityFunctions(OrderActivities activities)
{
    [Function(nameof(OrderActivities.ChargePayment))]
    public Task<StepResult<ChargeResponse>> ChargePayment([ActivityTrigger] StepInput<ChargeRequest> input, CancellationToken cancellationToken) =>
        activities.ChargePayment(input, cancellationToken);

    [Function(nameof(OrderActivities.RefundPayment))]
    public Task<string> RefundPayment([ActivityTrigger] CompensationInput<ChargeRequest, ChargeResponse> input, CancellationToken cancellationToken) =>
        activities.RefundPayment(input, cancellationToken);

    [Function(nameof(OrderActivities.ReserveInventory))]
    public Task<StepResult<ReserveResponse>> ReserveInventory([ActivityTrigger] StepInput<ReserveRequest> input, CancellationToken cancellationToken) =>
        activities.ReserveInventory(input, cancellationToken);

    [Function(nameof(OrderActivities.ReleaseInventory))]
    public Task<string> ReleaseInventory([ActivityTrigger] CompensationInput<ReserveRequest, ReserveResponse> input, CancellationToken cancellationToken) =>
        activities.ReleaseInventory(input, cancellationToken);

    [Function(nameof(OrderActivities.CreateShipment))]
    public Task<StepResult<ShipmentResponse>> CreateShipment([ActivityTrigger] StepInput<CreateShipmentRequest> input, CancellationToken cancellationToken) =>
        activities.CreateShipment(input, cancellationToken);

    [Function(nameof(OrderActivities.CancelShipment))]
    public Task<string> CancelShipment([ActivityTrigger] CompensationInput<CreateShipmentRequest, ShipmentResponse> input, CancellationToken cancellationToken) =>
        activities.CancelShipment(input, cancellationToken);

    [Function(nameof(OrderActivities.SendConfirmation))]
    public Task<StepResult<SendEmailResponse>> SendConfirmation([ActivityTrigger] StepInput<SendEmailRequest> input, CancellationToken cancellationToken) =>
        activities.SendConfirmation(input, cancellationToken);
}
