using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Common;

/// <summary>
/// How a reference saga ends: <c>return saga.Succeed(result)</c>, or <c>return await saga.CompensateAndEndAsync(ex.Failure,
/// result, Failed)</c>; both fill the fields every result shares (<see cref="SagaEnd"/>).
/// </summary>
public static class SagaEndExtensions
{
    /// <summary><see cref="Saga.Complete{T}(T)"/> with <paramref name="result"/> and the shared fields of a successful end.</summary>
    public static T Succeed<T>(this Saga saga, T result)
        where T : SagaResult =>
        saga.Complete(new SagaEnd(SagaPhase.Completed, [], [.. saga.Warnings], null, []).ApplyTo(result));

    /// <summary>Compensates, then ends with <paramref name="result"/> and <paramref name="status"/> (<see cref="SagaEnd.CancelledStatus"/> when cancelled).</summary>
    public static Task<T> CompensateAndEndAsync<T>(this Saga saga, SagaFailure failure, T result, string status)
        where T : SagaResult =>
        saga.CompensateAndEndAsync(failure, end => result with { Status = end.StatusOr(status) });

    /// <summary>Compensates, then ends with the result <paramref name="resultOf"/> makes from the end (a status that depends on the final phase).</summary>
    public static async Task<T> CompensateAndEndAsync<T>(this Saga saga, SagaFailure failure, Func<SagaEnd, T> resultOf)
        where T : SagaResult
    {
        ArgumentNullException.ThrowIfNull(resultOf);
        var report = await saga.CompensateAsync(failure);
        var end = new SagaEnd(report.Outcome, report.Compensations, [.. saga.Warnings], report.Failure, [.. report.DeadLetters.Select(d => d.Id)]);
        return end.ApplyTo(resultOf(end));
    }
}
