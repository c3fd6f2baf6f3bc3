namespace SagaFunctions.Kernel.Definitions;

/// <summary>An external event a saga waits for after a step, raced against a durable timer.</summary>
/// <param name="Event">The event name raised through the API.</param>
/// <param name="After">The step after which the saga waits.</param>
/// <param name="TimeoutSeconds">How long the saga waits before it takes the timeout path.</param>
/// <param name="OnTimeout">What happens at the deadline (e.g. <c>compensate</c>, <c>timeout</c>).</param>
public sealed record WaitDefinition(string Event, string After, double TimeoutSeconds, string OnTimeout);
