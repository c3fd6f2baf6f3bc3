using SagaFunctions.Kernel.Choreography;

namespace SagaFunctions.Sagas.Choreography;

/// <summary>
/// One message on a choreography's queue: which handler it is for (<see cref="Topic"/>), the choreography it belongs to
/// and the state the handlers pass along. <see cref="MessageId"/> is stable across redeliveries (the consumer
/// deduplicates on it); it is derived from the choreography and the topic, since each topic runs once per choreography.
/// </summary>
public sealed record ChoreographyMessage(string MessageId, string ChoreographyId, string Topic, OrderChoreographyState State)
{
    public static ChoreographyMessage For(string choreographyId, string topic, OrderChoreographyState state) =>
        new($"{choreographyId}:{topic}", choreographyId, topic, state);
}

/// <summary>
/// What handling one message produced: trail events, the next messages (published in the same transaction that marks
/// the message consumed), and the choreography's status once it is over (<see cref="OrderChoreography.Completed"/>,
/// <see cref="OrderChoreography.Compensated"/>, <see cref="OrderChoreography.Failed"/>), else null.
/// </summary>
public sealed record ChoreographyOutcome(IReadOnlyList<ChoreographyEvent> Events, IReadOnlyList<ChoreographyMessage> Next, string? FinalStatus);

/// <summary>What the handlers pass along: the order and the ids of what has been done so far.</summary>
public sealed record OrderChoreographyState(
    Order.OrderRequest Order,
    string? PaymentId = null,
    string? ReservationId = null,
    string? ShipmentId = null,
    string? FailureCode = null,
    string? FailureMessage = null);
