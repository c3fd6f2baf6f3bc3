using Microsoft.Extensions.Hosting;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// A hosted service that gives one <c>SagaFunctions</c> gauge its reader while the worker runs: <see cref="Observe"/>
/// registers it at start, and the registration is disposed at stop.
/// </summary>
internal abstract class GaugeService : IHostedService, IDisposable
{
    private IDisposable? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = Observe();
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Registers the gauge's reader (a <c>SagaMetrics.Observe…</c> call); the result ends the registration.</summary>
    protected abstract IDisposable Observe();
}
