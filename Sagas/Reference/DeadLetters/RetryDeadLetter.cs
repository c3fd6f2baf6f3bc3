using System.Text.Json;
using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.DeadLetters;

/// <summary>
/// Retries a dead-lettered compensation (input: the dead letter's id): marks it Retrying, calls the recorded
/// compensation activity with the recorded input (raw JSON, the same idempotency keys) under the kernel's compensation
/// retry policy, then marks it Resolved or RetryFailed. Output: <see cref="DeadLetterRetryResult"/>.
/// </summary>
public static class RetryDeadLetter
{
    /// <summary>The retry policy of the compensation call (the kernel's compensation policy).</summary>
    public static RetryPolicy CompensationRetry { get; } = SagaOptions.Default.CompensationRetry;

    /// <summary>The engine retry of the bookkeeping activities.</summary>
    public static RetryPolicy BookkeepingRetry { get; } = SagaOptions.Default.DeadLetterRetry;

    public static async Task<DeadLetterRetryResult> RunAsync(IOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetInput<string>();
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException($"{context.Name} ({context.InstanceId}) needs the dead letter's id as its input.", nameof(context));
        }

        context.SetCustomStatus(new { id, state = "starting" });
        var entry = await context.CallActivityAsync<DeadLetterEntry?>(nameof(DeadLetterActivities.BeginDeadLetterRetry), id, BookkeepingRetry);
        if (entry is null)
        {
            return new DeadLetterRetryResult(id, DeadLetterRetryResult.NotFound, $"No dead letter '{id}'.");
        }

        if (entry.Status == DeadLetterStatus.Resolved)
        {
            return new DeadLetterRetryResult(id, DeadLetterRetryResult.AlreadyResolved, null);
        }

        var record = entry.Record;
        string? error = null;
        context.SetCustomStatus(new { id, state = "compensating", activity = record.CompensationActivity });
        try
        {
            using var input = JsonDocument.Parse(record.InputJson);
            _ = await context.CallActivityAsync<string?>(record.CompensationActivity, input.RootElement.Clone(), CompensationRetry);
        }
        catch (ActivityFailedException ex)
        {
            error = $"{ex.ErrorType}: {ex.ErrorMessage}";
        }
        catch (JsonException ex)
        {
            error = $"{typeof(JsonException).FullName}: the recorded input is not JSON: {ex.Message}";
        }

        var succeeded = error is null;
        _ = await context.CallActivityAsync<bool>(
            nameof(DeadLetterActivities.CompleteDeadLetterRetry),
            new DeadLetterRetryCompletion(id, succeeded, error, context.InstanceId, context.CurrentUtcDateTime),
            BookkeepingRetry);
        context.SetCustomStatus(new { id, state = succeeded ? "resolved" : "retry_failed" });
        return new DeadLetterRetryResult(id, succeeded ? DeadLetterRetryResult.Resolved : DeadLetterRetryResult.RetryFailed, error);
    }
}
