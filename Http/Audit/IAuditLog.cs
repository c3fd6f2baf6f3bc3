namespace SagaFunctions.Http.Audit;

/// <summary>
/// Where operator actions are kept: SQLite in Standalone, an Azure Table in FunctionApp. Entries are only appended,
/// never changed; both stores pass the same contract suite.
/// </summary>
public interface IAuditLog
{
    /// <summary>Adds the entry; adding the same id again keeps the first.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The entries matching <paramref name="query"/>, newest first, at most its limit.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
