namespace SagaFunctions.Participants.Faults;

/// <summary>An injected failure: the call fails with <see cref="StatusCode"/> before doing anything.</summary>
internal sealed record FaultDecision(string FaultId, int StatusCode, string Detail);
