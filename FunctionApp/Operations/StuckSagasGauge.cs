using SagaFunctions.Kernel;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary>
/// Feeds <c>sagas.stuck</c> from the count the operations sweep keeps (<see cref="StuckSagaCount"/>) while the worker
/// runs; nothing is reported before the first sweep.
/// </summary>
internal sealed class StuckSagasGauge(StuckSagaCount count) : GaugeService
{
    protected override IDisposable Observe() => SagaMetrics.ObserveStuckSagas(() => count.Value);
}
