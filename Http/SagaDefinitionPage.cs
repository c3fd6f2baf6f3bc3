using SagaFunctions.Kernel.Definitions;

namespace SagaFunctions.Http;

/// <summary><c>GET /api/definitions</c>: every saga's definition, as the other list routes answer (<c>{items}</c>).</summary>
public sealed record SagaDefinitionPage(IReadOnlyList<SagaDefinition> Items);
