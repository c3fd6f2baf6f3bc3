using SagaFunctions.Http;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Standalone;

/// <summary><c>GET /metrics</c>: the <c>SagaFunctions</c> meter in Prometheus text format (OpenTelemetry's exporter).</summary>
public static class MetricsEndpointExtensions
{
    public const string Path = "/metrics";

    public static WebApplication MapSagaMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // dead_letters.open is state, not a transition: read from the store at each scrape, so it is right after a restart.
        // The store is resolved at the first read, not here, so a bad setting still fails at start with its own message.
        var services = app.Services;
        var registration = SagaMetrics.ObserveOpenDeadLetters(() => services.GetRequiredService<IDeadLetterStore>()
            .ListAsync(null, CancellationToken.None).GetAwaiter().GetResult()
            .LongCount(d => d.Status is DeadLetterStatus.Open or DeadLetterStatus.Retrying or DeadLetterStatus.RetryFailed));
        app.Lifetime.ApplicationStopped.Register(registration.Dispose);

        // sagas.stuck likewise: the stats' stuck count, over every instance, at each scrape.
        var stuck = SagaMetrics.ObserveStuckSagas(() => services.GetRequiredService<SagaApi>().CountStuckAsync(CancellationToken.None).GetAwaiter().GetResult());
        app.Lifetime.ApplicationStopped.Register(stuck.Dispose);
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
