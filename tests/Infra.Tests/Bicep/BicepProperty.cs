namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>A top-level <c>key: value</c> entry of a Bicep object literal (quotes removed from the key).</summary>
public sealed record BicepProperty(string Key, BicepValue Value);
