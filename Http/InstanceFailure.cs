namespace SagaFunctions.Http;

/// <summary>Why an orchestration failed (the engine's failure details), null unless <c>runtimeStatus</c> is Failed.</summary>
public sealed record InstanceFailure(string? ErrorType, string? ErrorMessage);
