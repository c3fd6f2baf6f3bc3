namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>A <c>param</c> declaration. It is required when it has neither a default nor a nullable type.</summary>
public sealed record BicepParameter(string Name, string Type, string? DefaultExpression)
{
    public bool IsRequired => DefaultExpression is null && !Type.EndsWith('?');
}
