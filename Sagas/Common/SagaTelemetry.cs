using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Common;

/// <summary>Wraps a reference saga's body to record its end (<c>sagas.completed</c>, <c>saga.duration</c>) once.</summary>
public static class SagaTelemetry
{
    /// <summary>
    /// Runs <paramref name="run"/> and records how it ended, with the result's <c>status</c>, only when the end is not a
    /// replay; the duration is orchestration time (the context's replay-safe clock) from the first episode to the last.
    /// </summary>
    public static async Task<T> RunAsync<T>(IOrchestrationContext context, string saga, Func<IOrchestrationContext, Task<T>> run)
        where T : SagaResult
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        var startedAt = context.CurrentUtcDateTime;
        var result = await run(context);
        if (!context.IsReplaying)
        {
            SagaMetrics.RecordCompleted(saga, result.Status, context.CurrentUtcDateTime - startedAt);
        }

        return result;
    }
}
