namespace SagaFunctions.Runtime.Tests;

/// <summary>Input of the shared order workflow.</summary>
internal sealed record OrderInput(string OrderId, decimal Amount);
