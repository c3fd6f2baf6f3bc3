using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>Adds response headers (Location, Retry-After, continuation tokens) to another result.</summary>
public sealed class WithHeadersResult : IResult
{
    private readonly IResult _inner;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    public WithHeadersResult(IResult inner, params KeyValuePair<string, string>[] headers)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _headers = headers;
    }

    /// <summary>The wrapped result (for tests and composition).</summary>
    public IResult Inner => _inner;

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return _inner.ExecuteAsync(httpContext);
    }
}
