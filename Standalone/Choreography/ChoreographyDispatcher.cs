using Microsoft.Extensions.Options;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.Standalone.Choreography;

/// <summary>
/// Delivers the choreographies' messages at least once: takes the oldest due message, runs its handler, and commits the
/// outcome with the consumption (<see cref="ChoreographyStore.Complete"/>). A handler that throws is redelivered with
/// backoff; after <see cref="ChoreographyOptions.MaxAttempts"/> the message is poisoned and the handlers decide what
/// that means (undo by key, or end <c>failed</c>). Survives restarts: everything it needs is in the store.
/// </summary>
public sealed class ChoreographyDispatcher(ChoreographyStore store, IServiceScopeFactory scopes, IOptions<ChoreographyOptions> options, TimeProvider time, ILogger<ChoreographyDispatcher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Wakes the dispatcher (a new choreography was started).</summary>
    public void Signal() => _signal.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = store.NextDue(time.GetUtcNow());
            if (due is null)
            {
                try
                {
                    await _signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await DeliverAsync(due, settings, stoppingToken);
        }
    }

    private async Task DeliverAsync(QueuedMessage due, ChoreographyOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetRequiredService<OrderChoreography>();
        try
        {
            var outcome = await handlers.HandleAsync(due.Message, ct);
            store.Complete(due.Message, outcome, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            var attempt = due.Attempts + 1;
            if (attempt >= settings.MaxAttempts)
            {
                logger.LogWarning("Choreography message {MessageId} poisoned after {Attempts} attempts: {Error}", due.Message.MessageId, attempt, error);
                store.Poison(due.Message, error, handlers.Poisoned(due.Message, error), time.GetUtcNow());
            }
            else
            {
                var delay = settings.RetryDelay * Math.Pow(2, attempt - 1);
                store.Retry(due.Message, error, time.GetUtcNow() + delay);
            }
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
