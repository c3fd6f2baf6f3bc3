namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>One cell of a matrix table: saga × fault × point → outcome, and the invariants it broke (none: ok).</summary>
internal sealed record MatrixRow(string Saga, string Fault, string Point, string Outcome, IReadOnlyList<string> Violations);
