namespace SagaFunctions.Kernel.Declarations;

/// <summary>One entry of <see cref="VersionFailureStatus.Errors"/>, in the shape of the saga view's errors.</summary>
public sealed record VersionFailureError(string? Step, string Kind, string Code, string Message);
