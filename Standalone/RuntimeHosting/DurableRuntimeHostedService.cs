namespace SagaFunctions.Standalone.RuntimeHosting;

/// <summary>Starts the embedded runtime with the host (after the participants' databases are ready) and disposes it on shutdown.</summary>
public sealed class DurableRuntimeHostedService(EmbeddedRuntime embedded, ILogger<DurableRuntimeHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await embedded.Runtime.StartAsync(cancellationToken);
        logger.LogInformation("Embedded durable runtime started.");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await embedded.Runtime.DisposeAsync();
        logger.LogInformation("Embedded durable runtime stopped.");
    }
}
