using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// The generic step and compensation of every declarative saga: one participant call each, sent with the kernel's
/// idempotency key and mapped like the typed activities (<see cref="ParticipantResults"/>): a 4xx answer is a business
/// rejection (never retried), a 5xx, 408, 429, timeout or lost connection is a technical failure (retried; in doubt once
/// the retries are spent), and a refused undo is a failure (retried, then dead-lettered).
/// </summary>
public sealed class DeclarativeActivities(ParticipantCallClient participants)
{
    public async Task<StepResult<JsonElement?>> CallParticipant(StepInput<ParticipantCall> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = input.Data;
        return (await participants.PostAsync(call.Path, input.IdempotencyKey, call.Body, Timeout(call.TimeoutSeconds), ct)).ToStep();
    }

    /// <summary>
    /// Undoes a step: its compensation body is evaluated from the step's recorded scope, its idempotency key
    /// (<c>${key}</c>, what participants find the original operation by) and its result (<c>${result...}</c>, null when
    /// the step is in doubt).
    /// </summary>
    public async Task<string> CompensateParticipant(CompensationInput<ParticipantCall, JsonElement?> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = input.StepData;
        var compensation = step.Compensation
            ?? throw new InvalidOperationException($"Step '{input.StepKey}' ({step.Service} {step.Method}) has no compensation.");
        var recorded = step.Scope ?? new TemplateScope(default, new Dictionary<string, JsonElement?>(), string.Empty);
        var result = input.StepResult is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value : (JsonElement?)null;
        var body = Templates.Evaluate(compensation.Body, recorded with { Key = input.StepKey, Result = result });
        var operation = $"{compensation.Service} {compensation.Method}";
        var answer = (await participants.PostAsync(compensation.Path, input.IdempotencyKey, body, Timeout(step.TimeoutSeconds), ct)).Undone(operation);
        var status = answer is { ValueKind: JsonValueKind.Object } a && a.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : "done";
        return answer is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("nothingToUndo", out var nothing) && nothing.ValueKind == JsonValueKind.True
            ? $"nothing to undo for step {input.StepKey} ({operation}: {status})"
            : $"{operation}: {status}";
    }

    private static TimeSpan? Timeout(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
