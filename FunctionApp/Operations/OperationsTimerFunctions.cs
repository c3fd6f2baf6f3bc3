using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using SagaFunctions.Http;
using SagaFunctions.Http.Operations;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary>
/// The hourly operations sweep (a timer trigger, <see cref="Schedule"/>): purges saga instances that finished
/// (completed, failed, terminated) and were created more than <see cref="SagaOperationsOptions.FinishedSagaRetention"/>
/// ago, with their history (Durable's <c>PurgeInstancesAsync</c> with a created-time filter); deletes dead letters resolved more than <see cref="SagaOperationsOptions.ResolvedDeadLetterRetention"/>
/// ago; escalates dead letters open past their SLA (<see cref="DeadLetterEscalation"/>); then counts the stuck sagas
/// (<see cref="SagaApi.CountStuckAsync"/>, the rules of <c>?stuck=true</c>) into <see cref="StuckSagaCount"/>, which
/// the <c>sagas.stuck</c> gauge reports until the next sweep.
/// </summary>
public sealed partial class OperationsTimerFunctions(
    IDeadLetterStore deadLetters,
    DeadLetterEscalation escalation,
    SagaOperationsOptions options,
    TimeProvider time,
    SagaRegistry registry,
    SagaHttpOptions httpOptions,
    StuckSagaCount stuck,
    ILogger<OperationsTimerFunctions> logger)
{
    /// <summary>Every hour, on the hour (NCRONTAB with seconds).</summary>
    public const string Schedule = "0 0 * * * *";

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    [Function(nameof(SweepOperations))]
    public async Task SweepOperations(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await SweepAsync(client, cancellationToken);
    }

    /// <summary>One sweep: what was purged and escalated.</summary>
    public async Task<OperationsSweep> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        // A created-from bound is always sent: the Durable Task test host's gRPC purge fails on a filter without one.
        var purged = await client.PurgeInstancesAsync(DateTimeOffset.UnixEpoch, now - options.FinishedSagaRetention, Finished, cancellationToken);
        var letters = await deadLetters.PurgeResolvedAsync((now - options.ResolvedDeadLetterRetention).UtcDateTime, cancellationToken);
        var escalated = await escalation.EscalateDueAsync(now.UtcDateTime, cancellationToken);
        var api = new SagaApi(new DurableSagaClient(client), registry, httpOptions, deadLetters: deadLetters, time: time);
        var stuckNow = await api.CountStuckAsync(cancellationToken);
        stuck.Set(stuckNow);
        LogSwept(purged.PurgedInstanceCount, letters, escalated.Count, stuckNow);
        return new OperationsSweep(purged.PurgedInstanceCount, letters, escalated, stuckNow);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operations sweep: purged {Sagas} finished instances and {DeadLetters} resolved dead letters; escalated {Escalated} dead letters; {Stuck} sagas stuck.")]
    private partial void LogSwept(int sagas, int deadLetters, int escalated, int stuck);
}
