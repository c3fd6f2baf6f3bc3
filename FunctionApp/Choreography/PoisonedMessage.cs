namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>A message the Functions host moved to a poison queue, as kept for review: its queue, its body, and why.</summary>
public sealed record PoisonedMessage(string Queue, string Body, string Reason);
