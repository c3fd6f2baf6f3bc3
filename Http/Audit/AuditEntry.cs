namespace SagaFunctions.Http.Audit;

/// <summary>
/// One operator action, kept for the record: when, what, on which saga instance or dead letter, the operator's note and
/// who did it (where the host can tell: <c>api-key</c> in Standalone with a key configured, App Service's principal name
/// in FunctionApp; null when the host has no identity).
/// </summary>
/// <param name="Id">Unique, and ordered by time (<see cref="AuditTrail"/> makes it from the clock).</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string Action,
    string? Saga,
    string? InstanceId,
    string? DeadLetterId,
    string? Note,
    string? Caller);
