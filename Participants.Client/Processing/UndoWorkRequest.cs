namespace SagaFunctions.Participants.Client;

/// <summary>Undo the work item processed with idempotency key <see cref="WorkKey"/>.</summary>
public sealed record UndoWorkRequest(string WorkKey);
