using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>
/// The order saga as a choreography on Storage Queues: one queue per participant service, each with a trigger that runs
/// that service's handlers (<see cref="ChoreographyConsumer.ConsumeAsync"/>) and one on the host's poison queue of it
/// (<see cref="ChoreographyConsumer.PoisonedAsync"/>). Queue names come from app settings; the connection is
/// <c>AzureWebJobsStorage</c> (identity-based in Azure: <c>AzureWebJobsStorage__queueServiceUri</c>).
/// </summary>
public sealed class ChoreographyQueueFunctions(ChoreographyConsumer consumer)
{
    [Function(nameof(ChoreographyPayments))]
    public Task ChoreographyPayments([QueueTrigger("%" + AppSettings.ChoreographyPaymentsQueue + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.ConsumeAsync(ChoreographyQueues.Payments, message, cancellationToken);

    [Function(nameof(ChoreographyInventory))]
    public Task ChoreographyInventory([QueueTrigger("%" + AppSettings.ChoreographyInventoryQueue + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.ConsumeAsync(ChoreographyQueues.Inventory, message, cancellationToken);

    [Function(nameof(ChoreographyShipping))]
    public Task ChoreographyShipping([QueueTrigger("%" + AppSettings.ChoreographyShippingQueue + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.ConsumeAsync(ChoreographyQueues.Shipping, message, cancellationToken);

    [Function(nameof(ChoreographyNotifications))]
    public Task ChoreographyNotifications([QueueTrigger("%" + AppSettings.ChoreographyNotificationsQueue + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.ConsumeAsync(ChoreographyQueues.Notifications, message, cancellationToken);

    [Function(nameof(ChoreographyPaymentsPoison))]
    public Task ChoreographyPaymentsPoison([QueueTrigger("%" + AppSettings.ChoreographyPaymentsQueue + "%" + ChoreographyQueues.PoisonSuffix)] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.PoisonedAsync(ChoreographyQueues.Payments, message, cancellationToken);

    [Function(nameof(ChoreographyInventoryPoison))]
    public Task ChoreographyInventoryPoison([QueueTrigger("%" + AppSettings.ChoreographyInventoryQueue + "%" + ChoreographyQueues.PoisonSuffix)] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.PoisonedAsync(ChoreographyQueues.Inventory, message, cancellationToken);

    [Function(nameof(ChoreographyShippingPoison))]
    public Task ChoreographyShippingPoison([QueueTrigger("%" + AppSettings.ChoreographyShippingQueue + "%" + ChoreographyQueues.PoisonSuffix)] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.PoisonedAsync(ChoreographyQueues.Shipping, message, cancellationToken);

    [Function(nameof(ChoreographyNotificationsPoison))]
    public Task ChoreographyNotificationsPoison([QueueTrigger("%" + AppSettings.ChoreographyNotificationsQueue + "%" + ChoreographyQueues.PoisonSuffix)] QueueMessage message, CancellationToken cancellationToken) =>
        consumer.PoisonedAsync(ChoreographyQueues.Notifications, message, cancellationToken);
}
