namespace SagaFunctions.Http.Audit;

/// <summary>The operator actions the audit trail records (the <c>action</c> of an entry and of <c>GET /api/audit?action=</c>).</summary>
public static class AuditActions
{
    public const string Cancel = "cancel";
    public const string Terminate = "terminate";
    public const string RetryStep = "retry_step";
    public const string DeadLetterRetry = "dead_letter_retry";
    public const string DeadLetterResolve = "dead_letter_resolve";

    public static IReadOnlyList<string> All { get; } = [Cancel, Terminate, RetryStep, DeadLetterRetry, DeadLetterResolve];
}
