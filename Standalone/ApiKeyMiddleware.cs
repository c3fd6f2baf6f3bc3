using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SagaFunctions.Http;

namespace SagaFunctions.Standalone;

/// <summary>
/// When <see cref="StandaloneOptions.ApiKey"/> is configured, every request but <c>/healthz</c> needs the key in
/// <c>X-Api-Key</c> (compared in constant time): saga and dead-letter inputs hold customer ids and amounts. With
/// <see cref="StandaloneOptions.OpenReads"/> GET, HEAD and OPTIONS stay open. Otherwise 401 problem details. Without a
/// configured key everything is open (loopback default).
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<StandaloneOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[]? _key = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);
    private readonly bool _openReads = options.Value.OpenReads;

    public async Task InvokeAsync(HttpContext context)
    {
        if (_key is null || !IsProtected(context.Request) || Matches(context.Request.Headers[HeaderName].ToString()))
        {
            await next(context);
            return;
        }

        var detail = context.Request.Headers.ContainsKey(HeaderName)
            ? $"The {HeaderName} header does not match the configured key."
            : $"An API key is configured: send it in the {HeaderName} header (every route but /healthz needs it).";
        await HttpProblems.Unauthorized(detail).ExecuteAsync(context);
    }

    private bool IsProtected(HttpRequest request) =>
        !request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        // The monitor's static page and assets hold no data (a browser cannot send the header on navigation); its API calls need the key.
        && !(HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/monitor", StringComparison.OrdinalIgnoreCase))
        && !(_openReads && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)));

    private bool Matches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}
