using System.Globalization;
using System.Text.Json;

namespace SagaFunctions.Participants.Client;

/// <summary>
/// An untyped participant client: POSTs a JSON body to any participant route with the <c>Idempotency-Key</c> header and
/// maps the answer exactly as the typed clients do (2xx success, 4xx rejection, 5xx/408/429/timeouts
/// <see cref="ParticipantUnavailableException"/>). For callers that describe their calls as data.
/// </summary>
public sealed class ParticipantCallClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>
    /// POSTs <paramref name="body"/> to <paramref name="path"/>; <paramref name="timeout"/> bounds this one call. The value
    /// is nullable so that a rejection (no value) serializes as null.
    /// </summary>
    public async Task<ParticipantResult<JsonElement?>> PostAsync(
        string path, string idempotencyKey, JsonElement body, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (timeout is null)
        {
            return await PostAsync<JsonElement, JsonElement?>(path, idempotencyKey, body, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout.Value);
        try
        {
            return await PostAsync<JsonElement, JsonElement?>(path, idempotencyKey, body, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ParticipantUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"POST {path} timed out after {timeout.Value.TotalSeconds} s."), null, null, ex);
        }
    }
}
