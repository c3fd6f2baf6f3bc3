namespace SagaFunctions.Kernel;

/// <summary>
/// Payload of the <see cref="Saga.RetryEventName"/> event: ends the backoff wait of the retry it names (the
/// <see cref="StepRetry"/> the saga published: <see cref="Step"/>, <see cref="Kind"/> and <see cref="Attempt"/>), so the
/// next attempt starts now. An event naming any other wait is stale and ignored.
/// </summary>
/// <param name="Kind"><c>step</c> or <c>compensation</c>.</param>
/// <param name="Note">The operator's note, recorded on the timeline.</param>
public sealed record RetryRequest(string Step, string Kind, int Attempt, string? Note);
