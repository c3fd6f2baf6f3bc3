using System.Runtime.CompilerServices;

namespace SagaFunctions.Kernel;

/// <summary>
/// A step being described: <c>await saga.Step&lt;Payment&gt;(nameof(ChargePayment), charge).CompensateWith(nameof(RefundPayment))</c>.
/// Nothing runs until it is awaited (or passed to <see cref="Saga.Parallel{T}(string, IReadOnlyList{StepBuilder{T}})"/>).
/// </summary>
/// <typeparam name="TResult">The value inside the activity's <see cref="StepResult{T}"/>.</typeparam>
public sealed class StepBuilder<TResult>
{
    private readonly Saga _saga;

    internal StepBuilder(Saga saga, string activity, object? data, bool isSubOrchestration)
    {
        _saga = saga;
        Activity = activity;
        Data = data;
        StepName = activity;
        IsSubOrchestration = isSubOrchestration;
    }

    internal string Activity { get; }

    internal object? Data { get; }

    internal string StepName { get; private set; }

    internal string? Compensation { get; private set; }

    internal RetryPolicy? Retry { get; private set; }

    internal bool IsPivot { get; private set; }

    internal bool IsSubOrchestration { get; }

    /// <summary>Names the step (default: the activity name). Needed when one activity runs more than once in a saga.</summary>
    public StepBuilder<TResult> Named(string stepName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        StepName = stepName;
        return this;
    }

    /// <summary>
    /// The activity that undoes this step. It receives a <see cref="CompensationInput{TInput, TResult}"/> with the
    /// step's idempotency key, data and result (null when the step is in doubt).
    /// </summary>
    public StepBuilder<TResult> CompensateWith(string compensationActivity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(compensationActivity);
        Compensation = compensationActivity;
        return this;
    }

    /// <summary>Overrides the saga's step retry policy for this step.</summary>
    public StepBuilder<TResult> WithRetry(RetryPolicy retry)
    {
        Retry = retry;
        return this;
    }

    /// <summary>
    /// Marks the point of no return: once this step succeeds, later failures use forward recovery
    /// (retry up to <see cref="SagaOptions.ForwardRecoveryRetry"/>, then manual intervention), never compensation.
    /// </summary>
    public StepBuilder<TResult> AsPivot()
    {
        IsPivot = true;
        return this;
    }

    /// <summary>Runs the step.</summary>
    public TaskAwaiter<TResult> GetAwaiter() => _saga.RunStepAsync(this).GetAwaiter();
}
