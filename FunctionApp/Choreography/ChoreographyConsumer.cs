using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using SagaFunctions.Kernel.Choreography;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>
/// What the queue triggers do with a message. <see cref="ConsumeAsync"/>: read it (strictly), refuse it when its
/// choreography does not exist (before any participant call), skip it when its id was consumed already, run the shared handler's local step (idempotent at the participant by its key) and commit the
/// outcome with the consumption (<see cref="TableChoreographyStore.ConsumeAsync"/>), which publishes the next messages.
/// Any failure is remembered and rethrown, so the Functions host redelivers the message and, after host.json's
/// <c>maxDequeueCount</c>, moves it to <c>&lt;queue&gt;-poison</c>. <see cref="PoisonedAsync"/> answers a poisoned
/// message: its trail shows it, and the handlers decide what follows (undo an in-doubt step, or end <c>failed</c>).
/// </summary>
public sealed class ChoreographyConsumer(OrderChoreography handlers, TableChoreographyStore store, ChoreographyQueues queues, TimeProvider time, ILogger<ChoreographyConsumer> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Handles one delivery from the queue of <paramref name="service"/>; throws on any failure (the host redelivers).</summary>
    public async Task ConsumeAsync(string service, QueueMessage delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = delivery.Body.ToString();
        var (message, unreadable) = Read(service, body);
        try
        {
            if (message is null || unreadable is not null)
            {
                throw new InvalidDataException(unreadable);
            }

            switch (await store.ObstacleAsync(message, cancellationToken))
            {
                case ConsumeResult.Duplicate:
                    logger.LogInformation("Choreography message {MessageId} was consumed already; delivery {Delivery} skipped.", message.MessageId, delivery.MessageId);
                    return;
                case ConsumeResult.NoChoreography:
                    throw new InvalidDataException($"No choreography with id '{message.ChoreographyId}' at '$.choreographyId'.");
            }

            var outcome = await handlers.HandleAsync(message, cancellationToken);
            await store.ConsumeAsync(message, outcome, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            logger.LogWarning("Choreography delivery {Delivery} from the {Service} queue failed (dequeue count {DequeueCount}): {Error}", delivery.MessageId, service, delivery.DequeueCount, error);
            await store.RecordFailureAsync(message?.ChoreographyId, TableChoreographyStore.DeliveryKey(message, body), delivery.DequeueCount, error, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Handles a message the host moved to the poison queue of <paramref name="service"/>: keeps its body, and for a
    /// readable message of a known choreography appends <c>MessagePoisoned</c> to the trail with what the handlers make of
    /// it (a known topic) or nothing more (a topic this service does not handle). Anything else is kept in the unreadable list.
    /// </summary>
    public async Task PoisonedAsync(string service, QueueMessage delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = delivery.Body.ToString();
        var (message, unreadable) = Read(service, body);
        var key = TableChoreographyStore.DeliveryKey(message, body);
        var reason = await store.LastFailureAsync(message?.ChoreographyId, key, cancellationToken) ?? unreadable ?? "moved to the poison queue";
        var queue = queues.NameOf(service) + ChoreographyQueues.PoisonSuffix;
        logger.LogError("Choreography message {Key} poisoned on {Queue}: {Reason}", key, queue, reason);
        if (message is null)
        {
            await store.KeepPoisonedAsync(null, key, queue, body, reason, cancellationToken);
            return;
        }

        var outcome = IsFor(service, message.Topic)
            ? handlers.Poisoned(message, reason)
            : new ChoreographyOutcome(
                [new ChoreographyEvent("MessagePoisoned", service, time.GetUtcNow(), JsonSerializer.SerializeToElement(new { message.Topic, error = reason }, Json))],
                [],
                null);
        var result = await store.ConsumeAsync(message, outcome, cancellationToken);
        await store.KeepPoisonedAsync(result == ConsumeResult.NoChoreography ? null : message.ChoreographyId, key, queue, body, reason, cancellationToken);
    }

    /// <summary>The message (when it parses) and why it cannot be handled here: bad JSON, a bad field, or a topic this queue does not carry.</summary>
    private static (ChoreographyMessage? Message, string? Error) Read(string service, string body)
    {
        var (message, error) = ChoreographyMessageJson.Read(body);
        return message is not null && !IsFor(service, message.Topic)
            ? (message, $"Not a choreography message of this queue at '$.topic': '{message.Topic}' (the {service} queue carries {string.Join(", ", OrderChoreography.Topics.Where(t => IsFor(service, t)))}).")
            : (message, error);
    }

    private static bool IsFor(string service, string topic) =>
        OrderChoreography.Topics.Contains(topic) && string.Equals(OrderChoreography.ServiceOf(topic), service, StringComparison.Ordinal);
}
