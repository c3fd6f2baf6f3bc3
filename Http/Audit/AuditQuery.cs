namespace SagaFunctions.Http.Audit;

/// <summary>
/// A filter over the audit trail: every given field must match (<paramref name="From"/> inclusive, <paramref name="To"/>
/// exclusive); at most <paramref name="Limit"/> entries, newest first.
/// </summary>
public sealed record AuditQuery(
    string? Action = null,
    string? InstanceId = null,
    string? DeadLetterId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100);
