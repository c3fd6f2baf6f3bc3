namespace SagaFunctions.Standalone.Tests.Support;

public sealed record TestLine(string? Sku, int Quantity);
