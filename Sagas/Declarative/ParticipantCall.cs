using System.Text.Json;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// What the generic step activity receives (inside the kernel's <c>StepInput</c>, with the idempotency key): the
/// evaluated request, and for a compensable step what its compensation needs — evaluated later, by the compensation
/// activity, from this recorded data and the step's recorded result.
/// </summary>
/// <param name="Service">The participant service (for messages).</param>
/// <param name="Method">The operation (for messages).</param>
/// <param name="Path">The route relative to the participants' base address.</param>
/// <param name="Body">The evaluated body.</param>
/// <param name="TimeoutSeconds">The time one attempt may take; the client's default when null.</param>
/// <param name="Compensation">The compensation's call, its body still a template; null when the step has none.</param>
/// <param name="Scope">The template scope at the time of the step (input and earlier results), for the compensation.</param>
public sealed record ParticipantCall(
    string Service,
    string Method,
    string Path,
    JsonElement Body,
    double? TimeoutSeconds = null,
    ParticipantCallSpec? Compensation = null,
    TemplateScope? Scope = null);
