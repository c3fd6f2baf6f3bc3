namespace SagaFunctions.Http;

public sealed record SagaInstancePage(IReadOnlyList<SagaInstance> Instances, string? ContinuationToken);
