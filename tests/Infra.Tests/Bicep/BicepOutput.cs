namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>An <c>output</c> declaration; <see cref="IsSecure"/> when a <c>@secure()</c> decorator precedes it.</summary>
public sealed record BicepOutput(string Name, string Type, string Expression, bool IsSecure);
