namespace SagaFunctions.Participants.Faults;

/// <summary>An injected failure: the call fails with <see cref="StatusCode"/> before doing anything.</summary>
/// <param name="AfterEffect">True for mode <c>lost</c>: the operation runs (its effect and stored answer are kept), then the
/// caller gets this failure instead of the answer, so the caller is in doubt.</param>
internal sealed record FaultDecision(string FaultId, int StatusCode, string Detail, bool AfterEffect = false);
