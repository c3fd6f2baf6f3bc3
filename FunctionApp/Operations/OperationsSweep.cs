namespace SagaFunctions.FunctionApp.Operations;

/// <summary>What one sweep of <see cref="OperationsTimerFunctions"/> did.</summary>
public sealed record OperationsSweep(int PurgedInstances, int PurgedDeadLetters, IReadOnlyList<string> Escalated);
