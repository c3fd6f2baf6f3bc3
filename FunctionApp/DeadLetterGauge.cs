using Microsoft.Extensions.Hosting;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp;

/// <summary>Feeds <c>dead_letters.open</c> from the dead-letter table while the worker runs (read at each metric export).</summary>
internal sealed class DeadLetterGauge(IDeadLetterStore store) : IHostedService, IDisposable
{
    private IDisposable? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = SagaMetrics.ObserveOpenDeadLetters(() => store.ListAsync(null, CancellationToken.None).GetAwaiter().GetResult()
            .LongCount(d => d.Status is DeadLetterStatus.Open or DeadLetterStatus.Retrying or DeadLetterStatus.RetryFailed));
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
