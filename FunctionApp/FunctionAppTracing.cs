namespace SagaFunctions.FunctionApp;

/// <summary>
/// How one trace runs from a saga's start through its activities on Durable Functions. Nothing is carried by hand:
/// the Durable Task client puts the current span (<c>saga.start</c>) on the new instance as its parent trace context,
/// and the engine parents the orchestration's and each activity's span to it (host.json
/// <c>durableTask.tracing</c>: <c>DistributedTracingEnabled</c>, <c>Version: V2</c>, in the Functions host; the
/// <see cref="DurableTaskSourceName"/> spans in the worker). <see cref="ActivityTracingMiddleware"/> opens the
/// <c>saga.activity</c> span under the activity's span, so the participant calls are in the same trace.
/// </summary>
public static class FunctionAppTracing
{
    /// <summary>The Durable Task SDK's activity source, exported beside <c>SagaFunctions</c>: its spans link the start to the activities.</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";
}
