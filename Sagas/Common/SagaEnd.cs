using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Common;

/// <summary>
/// How a saga ended, in the shape every result shares: the kernel's final phase, the compensations that ran, the
/// warnings of non-critical steps, the failure (null on success) and the ids of the dead letters written.
/// </summary>
public sealed record SagaEnd(
    SagaPhase Phase,
    IReadOnlyList<CompensationRecord> Compensations,
    IReadOnlyList<string> Warnings,
    SagaFailure? Error,
    IReadOnlyList<string> DeadLetters)
{
    /// <summary>The status every saga reports when the cooperative cancel event stopped it.</summary>
    public const string CancelledStatus = "cancelled";

    public bool WasCancelled => Error?.Kind == SagaFailureKind.Cancelled;

    /// <summary>A successful end (call <see cref="Saga.Complete{T}(T)"/> with the result to publish it).</summary>
    public static SagaEnd Success(Saga saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return new SagaEnd(SagaPhase.Completed, [], [.. saga.Warnings], null, []);
    }

    /// <summary>The end after <see cref="Saga.CompensateAsync(SagaFailure)"/>.</summary>
    public static SagaEnd From(Saga saga, SagaReport report)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(report);
        return new SagaEnd(report.Outcome, report.Compensations, [.. saga.Warnings], report.Failure, [.. report.DeadLetters.Select(d => d.Id)]);
    }

    /// <summary><see cref="CancelledStatus"/> when cancelled, else <paramref name="status"/>.</summary>
    public string StatusOr(string status) => WasCancelled ? CancelledStatus : status;

    /// <summary>Copies the shared fields into <paramref name="result"/>.</summary>
    public T ApplyTo<T>(T result)
        where T : SagaResult
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with
        {
            Phase = Phase,
            Compensations = Compensations,
            Warnings = Warnings,
            Error = Error,
            DeadLetters = DeadLetters,
        };
    }
}
