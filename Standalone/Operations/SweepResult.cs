namespace SagaFunctions.Standalone.Operations;

/// <summary>What one operations sweep did: sagas purged, resolved dead letters deleted, dead letters escalated.</summary>
public sealed record SweepResult(int PurgedSagas, int PurgedDeadLetters, IReadOnlyList<string> Escalated);
