using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.DeadLetters;

/// <summary>
/// Retries a dead-lettered compensation (input: the dead letter's id): marks it Retrying, calls the recorded
/// compensation activity with the recorded input under the kernel's compensation retry policy, then marks it Resolved
/// or RetryFailed. Output: <see cref="DeadLetterRetryResult"/>.
/// The call keeps the recorded <c>stepKey</c> (the original operation it undoes) but gets its own idempotency key,
/// <c>{recorded key}:retry-{n}</c>: participants replay the first answer to a key, so reusing the recorded key would
/// only ever return the refusal that dead-lettered it (say, <c>insufficient_funds</c> before the account was refilled).
/// Undoing an operation twice is a harmless success at the participant, so a new key cannot undo anything twice.
/// </summary>
public static class RetryDeadLetter
{
    /// <summary>The retry policy of the compensation call (the kernel's compensation policy).</summary>
    public static RetryPolicy CompensationRetry { get; } = SagaOptions.Default.CompensationRetry;

    /// <summary>The engine retry of the bookkeeping activities.</summary>
    public static RetryPolicy BookkeepingRetry { get; } = SagaOptions.Default.DeadLetterRetry;

    /// <summary>The orchestrator as the engines register it, with the dead-letter activities (unversioned).</summary>
    public static SagaDeclaration Declaration { get; } =
        SagaDeclaration.Helper<string, DeadLetterRetryResult>("retry-dead-letter", nameof(RetryDeadLetter), RunAsync)
            .WithActivities<DeadLetterActivities>();

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
            var input = WithRetryKey(record.InputJson, entry.RetryCount + 1);
            _ = await context.CallActivityAsync<string?>(record.CompensationActivity, input, CompensationRetry);
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

    /// <summary>The recorded compensation input with <c>idempotencyKey</c> suffixed <c>:retry-{retry}</c> (other inputs unchanged).</summary>
    public static JsonElement WithRetryKey(string inputJson, int retry)
    {
        var node = JsonNode.Parse(inputJson);
        if (node is JsonObject input)
        {
            var name = input.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "idempotencyKey", StringComparison.OrdinalIgnoreCase));
            if (name is not null && input[name] is JsonValue key && key.TryGetValue<string>(out var recorded))
            {
                input[name] = $"{recorded}:retry-{retry.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return JsonSerializer.SerializeToElement(node);
    }
}
