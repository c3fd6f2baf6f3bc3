using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp;

/// <summary>Feeds <c>dead_letters.open</c> from the dead-letter table while the worker runs (read at each metric export).</summary>
internal sealed class DeadLetterGauge(IDeadLetterStore store) : GaugeService
{
    protected override IDisposable Observe() =>
        SagaMetrics.ObserveOpenDeadLetters(() => store.ListAsync(null, CancellationToken.None).GetAwaiter().GetResult()
            .LongCount(d => d.Status is DeadLetterStatus.Open or DeadLetterStatus.Retrying or DeadLetterStatus.RetryFailed));
}
