namespace SagaFunctions.Http;

/// <summary>
/// The <see cref="Status"/> every orchestration's result here carries (a saga's outcome string, a dead-letter retry's
/// <c>resolved</c> / <c>retry_failed</c>); <see cref="SagaOutput"/> adds the fields saga results share.
/// </summary>
internal record OrchestrationOutput(string? Status);
