using System.Text.Json;
using SagaFunctions.Kernel;

namespace SagaFunctions.Http;

/// <summary>
/// The fields of a saga's result the view reads, in the kernel's types: the shape every saga result shares
/// (<c>Sagas/Common/SagaResult.cs</c>). <see cref="Compensations"/> go to the view as the saga wrote them.
/// </summary>
internal sealed record SagaOutput(
    string? Status,
    IReadOnlyList<JsonElement>? Compensations,
    IReadOnlyList<string>? Warnings,
    SagaFailure? Error) : OrchestrationOutput(Status);
