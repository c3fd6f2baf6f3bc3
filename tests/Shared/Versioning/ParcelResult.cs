namespace SagaFunctions.Tests.Shared.Versioning;

/// <summary>Output of the versioned test saga: which version's code ran, and the steps it took in order.</summary>
public sealed record ParcelResult(string Status, string RanVersion, IReadOnlyList<string> Steps);
