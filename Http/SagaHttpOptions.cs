namespace SagaFunctions.Http;

/// <summary>Limits and names the HTTP contract uses; the defaults are what both hosts serve.</summary>
public sealed record SagaHttpOptions
{
    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Orchestrator started by <c>POST /api/dead-letters/{id}/retry</c>; its input is the dead-letter id.</summary>
    public string RetryDeadLetterOrchestrator { get; init; } = "RetryDeadLetter";

    /// <summary>The kernel's cooperative-cancel event, raised by <c>POST /api/sagas/{saga}/{id}/cancel</c>.</summary>
    public string CancelEventName { get; init; } = "cancel";

    /// <summary>Largest page the list routes return.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>How long an unfinished saga may go without progress (or past a due retry or wait) before it is shown as stuck.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A saga whose dead letter is still open (or retry-failed) this long after its last failure is shown as stuck.</summary>
    public TimeSpan DeadLetterSla { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Seconds clients should wait before polling a running instance again (Durable sends 5).</summary>
    public int RetryAfterSeconds { get; init; } = 5;
}
