using Microsoft.Extensions.Options;
using SagaFunctions.Http.Operations;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.RuntimeHosting;

namespace SagaFunctions.Standalone.Operations;

/// <summary>
/// Standalone's operations sweep, every <see cref="SagaOperationsOptions.SweepInterval"/> (the first once the app has started):
/// purges sagas that finished more than <see cref="SagaOperationsOptions.FinishedSagaRetention"/> ago with their history
/// (the runtime's purge), deletes dead letters resolved more than <see cref="SagaOperationsOptions.ResolvedDeadLetterRetention"/>
/// ago (unresolved ones are kept), and escalates dead letters open past their SLA (<see cref="DeadLetterEscalation"/>).
/// A failed sweep is logged and tried again at the next interval.
/// </summary>
public sealed partial class OperationsSweeper(
    EmbeddedRuntime embedded,
    IDeadLetterStore deadLetters,
    IServiceScopeFactory scopes,
    IServiceProvider services,
    IOptions<SagaOperationsOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<OperationsSweeper> logger) : BackgroundService
{
    /// <summary>The sweep's idea of now: the runtime's clock when one is configured (tests: virtual time), else the host's.</summary>
    private readonly IRuntimeClock? _clock = services.GetService<IRuntimeClock>();

    private DateTimeOffset Now => _clock is null ? time.GetUtcNow() : new DateTimeOffset(_clock.UtcNow, TimeSpan.Zero);

    /// <summary>One sweep: what was purged and escalated.</summary>
    public async Task<SweepResult> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var sagas = await embedded.Client.PurgeAsync(now - options.Value.FinishedSagaRetention, cancellationToken);
        var letters = await deadLetters.PurgeResolvedAsync((now - options.Value.ResolvedDeadLetterRetention).UtcDateTime, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var escalated = await scope.ServiceProvider.GetRequiredService<DeadLetterEscalation>().EscalateDueAsync(now.UtcDateTime, cancellationToken);
        var result = new SweepResult(sagas, letters, escalated);
        if (sagas + letters + escalated.Count > 0)
        {
            LogSwept(sagas, letters, escalated.Count);
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the server listens: escalation calls the notifications participant on this app's own address.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(ex);
            }

            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operations sweep: purged {Sagas} finished sagas and {DeadLetters} resolved dead letters; escalated {Escalated} dead letters.")]
    private partial void LogSwept(int sagas, int deadLetters, int escalated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations sweep failed; it runs again at the next interval.")]
    private partial void LogSweepFailed(Exception exception);
}
