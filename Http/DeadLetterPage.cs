namespace SagaFunctions.Http;

/// <summary><c>GET /api/dead-letters</c>: every matching record, oldest failure first.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterView> Items);
