using System.Text.Json;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// What a template can read: the start request, the results of the steps that have completed (a failed non-critical
/// step or a timed-out wait has a null result), the instance id, and — while one step's body or compensation is built —
/// that step's idempotency key and (compensations only) its result. Built from recorded data only: the orchestrator
/// evaluates step bodies deterministically, and a compensation's body is evaluated from what its step recorded.
/// </summary>
public sealed record TemplateScope(
    JsonElement Input,
    IReadOnlyDictionary<string, JsonElement?> Steps,
    string InstanceId,
    string? Key = null,
    JsonElement? Result = null);
