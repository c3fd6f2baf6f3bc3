using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Common;

/// <summary>
/// How a reference saga ends, in one line: <c>return saga.Succeed(result)</c> at the end of its steps, and
/// <c>return await saga.CompensateAndEndAsync(ex.Failure, result, Failed)</c> when one fails. Both fill the fields every
/// result shares (<see cref="SagaEnd"/>: phase, compensations, warnings, error, dead letters).
/// </summary>
public static class SagaEndExtensions
{
    /// <summary>Completes the saga (<see cref="Saga.Complete{T}(T)"/>) with <paramref name="result"/> and the shared fields of a successful end.</summary>
    public static T Succeed<T>(this Saga saga, T result)
        where T : SagaResult
    {
        ArgumentNullException.ThrowIfNull(saga);
        return saga.Complete(new SagaEnd(SagaPhase.Completed, [], [.. saga.Warnings], null, []).ApplyTo(result));
    }

    /// <summary>
    /// Runs the compensations for <paramref name="failure"/>, then ends with <paramref name="result"/>, its status
    /// <paramref name="status"/> (<see cref="SagaEnd.CancelledStatus"/> when the cancel event stopped the saga) and the
    /// shared fields of the end.
    /// </summary>
    public static Task<T> CompensateAndEndAsync<T>(this Saga saga, SagaFailure failure, T result, string status)
        where T : SagaResult
    {
        ArgumentNullException.ThrowIfNull(result);
        return saga.CompensateAndEndAsync(failure, end => result with { Status = end.StatusOr(status) });
    }

    /// <summary>
    /// Runs the compensations for <paramref name="failure"/>, then ends with the result <paramref name="resultOf"/> makes
    /// from how the saga ended (for a status that depends on the final phase), and the shared fields of the end.
    /// </summary>
    public static async Task<T> CompensateAndEndAsync<T>(this Saga saga, SagaFailure failure, Func<SagaEnd, T> resultOf)
        where T : SagaResult
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(resultOf);
        var report = await saga.CompensateAsync(failure);
        var end = new SagaEnd(report.Outcome, report.Compensations, [.. saga.Warnings], report.Failure, [.. report.DeadLetters.Select(d => d.Id)]);
        return end.ApplyTo(resultOf(end));
    }
}
