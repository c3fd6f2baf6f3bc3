using Microsoft.Extensions.Hosting;
using SagaFunctions.Kernel;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary>
/// Feeds <c>sagas.stuck</c> from the count the operations sweep keeps (<see cref="StuckSagaCount"/>) while the worker
/// runs; nothing is reported before the first sweep.
/// </summary>
public sealed class StuckSagasGauge(StuckSagaCount count) : IHostedService, IDisposable
{
    private IDisposable? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = SagaMetrics.ObserveStuckSagas(() => count.Value);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }
}
