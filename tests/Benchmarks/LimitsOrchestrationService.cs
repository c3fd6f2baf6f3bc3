using DurableTask.Core;
using SagaFunctions.Testing;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// A pass-through decorator of a Durable Task backend whose only change is the two work-item limits the engine's
/// dispatchers read (null: the backend's own, which for the in-process test host's in-memory backend equal the core
/// count). Everything else (history, messages, locks, queries) is the backend's.
/// </summary>
internal sealed class LimitsOrchestrationService(IOrchestrationService inner, int? maxOrchestrations, int? maxActivities)
    : PassThroughOrchestrationService(inner)
{
    public override int MaxConcurrentTaskOrchestrationWorkItems => maxOrchestrations ?? base.MaxConcurrentTaskOrchestrationWorkItems;

    public override int MaxConcurrentTaskActivityWorkItems => maxActivities ?? base.MaxConcurrentTaskActivityWorkItems;
}
