namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>What consuming a message came to (<see cref="TableChoreographyStore.ConsumeAsync"/>).</summary>
public enum ConsumeResult
{
    /// <summary>This delivery consumed it: its outcome is in the trail, its next messages are on their queues.</summary>
    Consumed,

    /// <summary>Another delivery of the same message id consumed it first; that outcome stands.</summary>
    Duplicate,

    /// <summary>The message names a choreography that does not exist.</summary>
    NoChoreography,
}
