namespace SagaFunctions.Http.Audit;

/// <summary><c>GET /api/audit</c>: the matching entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items);
