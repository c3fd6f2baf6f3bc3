using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Common;

/// <summary>
/// How a saga ended, in the shape every result shares: the kernel's final phase, the compensations that ran, the
/// warnings of non-critical steps, the failure (null on success) and the ids of the dead letters written. Sagas end
/// through <see cref="SagaEndExtensions"/>, which makes it.
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
