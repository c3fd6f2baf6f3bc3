using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SagaFunctions.Kernel;
using DurableRetryPolicy = Microsoft.DurableTask.RetryPolicy;
using KernelRetryPolicy = SagaFunctions.Kernel.RetryPolicy;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// The kernel's engine port over Durable's <see cref="TaskOrchestrationContext"/>: one line per member, plus the
/// two translations the port defines: Durable's <see cref="TaskFailedException"/> (activity or sub-orchestration
/// failure) becomes the kernel's <see cref="ActivityFailedException"/>, and the kernel's retry policy becomes
/// Durable's <see cref="TaskOptions"/>.
/// </summary>
public sealed class DurableOrchestrationContext(TaskOrchestrationContext context) : IOrchestrationContext
{
    public string InstanceId => context.InstanceId;

    public string Name => context.Name.Name;

    public string Version => context.Version;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public T? GetInput<T>() => context.GetInput<T>();

    public async Task<T> CallActivityAsync<T>(string name, object? input = null, KernelRetryPolicy? retry = null)
    {
        try
        {
            return await context.CallActivityAsync<T>(name, input, ToTaskOptions(retry));
        }
        catch (TaskFailedException ex)
        {
            throw ToActivityFailed(name, ex);
        }
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        context.WaitForExternalEvent<T>(eventName, cancellationToken);

    public async Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, string? instanceId = null)
    {
        try
        {
            var options = instanceId is null ? null : new SubOrchestrationOptions(instanceId: instanceId);
            return await context.CallSubOrchestratorAsync<T>(orchestratorName, input, options);
        }
        catch (TaskFailedException ex)
        {
            throw ToActivityFailed(orchestratorName, ex);
        }
    }

    public void ContinueAsNew(object? newInput) => context.ContinueAsNew(newInput);

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public Guid NewGuid() => context.NewGuid();

    public ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

    /// <summary>
    /// No policy, or one attempt, means no engine retry (Durable rejects a zero first interval). A kernel policy without
    /// a max interval gets Durable's default cap (1 hour): Durable has no "unbounded" value that its backoff handles.
    /// </summary>
    internal static TaskOptions? ToTaskOptions(KernelRetryPolicy? retry) =>
        retry is null || retry.MaxAttempts <= 1
            ? null
            : TaskOptions.FromRetryPolicy(new DurableRetryPolicy(
                retry.MaxAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval));

    private static ActivityFailedException ToActivityFailed(string name, TaskFailedException ex) =>
        new(name, ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage, ex);
}
