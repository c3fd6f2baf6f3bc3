namespace SagaFunctions.Kernel;

/// <summary>A step or compensation that failed, with the failure's type (or rejection code) and message.</summary>
public sealed record StepError(string Step, string ErrorType, string Message);
