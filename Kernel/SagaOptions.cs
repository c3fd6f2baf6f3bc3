namespace SagaFunctions.Kernel;

/// <summary>Retry policies and limits of one saga. Compensations are retried harder than steps.</summary>
public sealed record SagaOptions
{
    /// <summary>The activity the kernel calls with a <see cref="DeadLetter"/> when a compensation exhausts its retries.</summary>
    public const string DeadLetterActivityName = "RecordDeadLetter";

    public static SagaOptions Default { get; } = new();

    /// <summary>Steps: technical failures are retried; a step that exhausts this is in doubt.</summary>
    public RetryPolicy StepRetry { get; init; } = new(3, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(5));

    /// <summary>Compensations: retried harder; one that exhausts this is dead-lettered.</summary>
    public RetryPolicy CompensationRetry { get; init; } = new(5, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(5));

    /// <summary>Steps after the pivot: forward recovery bound, then manual intervention.</summary>
    public RetryPolicy ForwardRecoveryRetry { get; init; } = new(6, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(5));

    /// <summary>Engine-level retry for writing the dead letter itself.</summary>
    public RetryPolicy DeadLetterRetry { get; init; } = new(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(10));

    /// <summary>Optional overall deadline, measured from the saga's start; every wait point races it.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The activity that records dead letters.</summary>
    public string DeadLetterActivity { get; init; } = DeadLetterActivityName;

    /// <summary>Custom status keeps the newest timeline entries only (Durable caps custom status at 16 KB).</summary>
    public int MaxTimelineEntries { get; init; } = 32;
}
