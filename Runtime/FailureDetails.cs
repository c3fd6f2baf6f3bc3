namespace SagaFunctions.Runtime;

/// <summary>Why an instance failed: the full type name of the exception and its message.</summary>
public sealed record FailureDetails(string ErrorType, string ErrorMessage);
