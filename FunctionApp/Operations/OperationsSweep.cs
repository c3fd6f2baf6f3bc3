namespace SagaFunctions.FunctionApp.Operations;

/// <summary>What one sweep of <see cref="OperationsTimerFunctions"/> did, and how many sagas it found stuck.</summary>
public sealed record OperationsSweep(int PurgedInstances, int PurgedDeadLetters, IReadOnlyList<string> Escalated, int Stuck);
