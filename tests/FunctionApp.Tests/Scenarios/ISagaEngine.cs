namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// One host of the sagas, driven the way a user drives it: HTTP requests to the saga API and the participants, plus the
/// test's control over time. <see cref="EmbeddedEngine"/> is Standalone on the embedded runtime; <see cref="DurableEngine"/>
/// is FunctionApp's functions on the real Durable Task engine.
/// </summary>
internal interface ISagaEngine : IAsyncDisposable
{
    string Name { get; }

    /// <summary>A request to the host's API (<c>/api/...</c>) or to the participants (<c>/participants/...</c>).</summary>
    Task<HttpAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body = null);

    /// <summary>A request with raw body bytes and an explicit <c>Content-Type</c> (null: none), for the bad-input corpus.</summary>
    Task<HttpAnswer> SendRawAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null);

    /// <summary>Runs until nothing can happen without time passing or an event arriving.</summary>
    Task IdleAsync();

    /// <summary>Lets time pass until the next durable timer fires; false when no timer is pending.</summary>
    Task<bool> AdvanceAsync();
}

/// <summary>An HTTP answer: status, the headers a test looks at, and the body text.</summary>
internal sealed record HttpAnswer(int Status, string? Location, string? ContentType, string Body)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{Status} {Body}";
}

/// <summary>Sends one raw request over real HTTP and reads the answer (both engines' participants, Standalone's API).</summary>
internal static class RawHttp
{
    public static async Task<HttpAnswer> SendAsync(HttpClient http, HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        return new HttpAnswer(
            (int)response.StatusCode,
            response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }
}
