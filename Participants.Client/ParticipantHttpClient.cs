using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SagaFunctions.Participants.Client;

/// <summary>
/// The shared behaviour of the typed participant clients: sends the <c>Idempotency-Key</c> header, maps 2xx to
/// success, 4xx problem details to a rejection (<c>reason</c> → <see cref="ParticipantResult{T}.Code"/>), and 5xx,
/// 408, 429, timeouts and connection failures to <see cref="ParticipantUnavailableException"/>.
/// </summary>
public abstract class ParticipantHttpClient
{
    protected ParticipantHttpClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        Http = http;
    }

    protected HttpClient Http { get; }

    protected async Task<ParticipantResult<TResponse>> PostAsync<TRequest, TResponse>(
        string path, string idempotencyKey, TRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(request, options: ParticipantJson.Options),
        };
        message.Headers.Add(ParticipantHeaders.IdempotencyKey, idempotencyKey);
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ReadResultAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a resource; null when the participant answers 404.</summary>
    protected async Task<TResponse?> GetOrDefaultAsync<TResponse>(string path, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var result = await ReadResultAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result.Value
            : throw new InvalidOperationException($"GET {path} was refused ({result.StatusCode} {result.Code}): {result.Message}");
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return await Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ParticipantUnavailableException(
                $"{message.Method} {message.RequestUri} failed: {ex.Message}", null, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ParticipantUnavailableException(
                $"{message.Method} {message.RequestUri} timed out after {Http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", null, null, ex);
        }
    }

    protected static async Task<ParticipantResult<TResponse>> ReadResultAsync<TResponse>(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var replayed = response.Headers.TryGetValues(ParticipantHeaders.IdempotentReplayed, out var values)
            && values.Contains("true", StringComparer.OrdinalIgnoreCase);
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";

        if (response.IsSuccessStatusCode)
        {
            TResponse? value;
            try
            {
                value = await response.Content.ReadFromJsonAsync<TResponse>(ParticipantJson.Options, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new ParticipantUnavailableException($"{request} answered {status} with an unreadable body: {ex.Message}", status, null, ex);
            }

            return value is null
                ? throw new ParticipantUnavailableException($"{request} answered {status} with an empty body.", status, null)
                : ParticipantResult.Success(value, status, replayed);
        }

        var problem = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new ParticipantUnavailableException(
                $"{request} failed with {status}: {problem.Message}", status, problem.Reason);
        }

        var code = problem.Reason ?? response.StatusCode switch
        {
            HttpStatusCode.BadRequest => RejectionCodes.InvalidRequest,
            HttpStatusCode.NotFound => RejectionCodes.NotFound,
            _ => "http_" + status.ToString(CultureInfo.InvariantCulture),
        };
        return ParticipantResult.Rejected<TResponse>(code, problem.Message, status, replayed);
    }

    private static async Task<(string? Reason, string Message)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = response.ReasonPhrase ?? response.StatusCode.ToString();
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return (null, fallback);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, fallback);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, fallback);
            }

            var root = document.RootElement;
            var reason = ReadString(root, "reason");
            var message = ReadString(root, "detail") ?? ReadString(root, "title") ?? fallback;
            return (reason, message);
        }
        catch (JsonException)
        {
            return (null, text.Length > 500 ? text[..500] : text);
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
