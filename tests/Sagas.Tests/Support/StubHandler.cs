using System.Net;
using System.Text;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>Answers every request with one canned response and remembers what was sent.</summary>
internal sealed class StubHandler(HttpStatusCode status, string json) : HttpMessageHandler
{
    public List<(string Path, string? Key, string Body)> Requests { get; } = [];

    public static HttpClient Client(HttpStatusCode status, string json, out StubHandler handler)
    {
        handler = new StubHandler(status, json);
        return new HttpClient(handler) { BaseAddress = new Uri("http://participants.test/") };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        Requests.Add((request.RequestUri!.AbsolutePath, key, body));
        var contentType = (int)status >= 400 ? "application/problem+json" : "application/json";
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, contentType), RequestMessage = request };
    }
}
