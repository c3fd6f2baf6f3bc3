using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SagaFunctions.Http;

namespace SagaFunctions.Standalone;

/// <summary>
/// When <see cref="StandaloneOptions.ApiKey"/> is configured, mutating requests (anything but GET, HEAD and OPTIONS) on
/// <c>/api</c>, <c>/runtime/webhooks</c> and <c>/participants</c> need the key in <c>X-Api-Key</c> (compared in constant
/// time); otherwise 401 problem details. Reads stay open. Without a configured key everything is open (loopback default).
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<StandaloneOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    private static readonly string[] ProtectedPrefixes = ["/api", "/runtime/webhooks", "/participants"];

    private readonly byte[]? _key = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_key is null || !IsProtected(context.Request) || Matches(context.Request.Headers[HeaderName].ToString()))
        {
            await next(context);
            return;
        }

        var detail = context.Request.Headers.ContainsKey(HeaderName)
            ? $"The {HeaderName} header does not match the configured key."
            : $"This route changes state and needs the {HeaderName} header.";
        await HttpProblems.Unauthorized(detail).ExecuteAsync(context);
    }

    private static bool IsProtected(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && ProtectedPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private bool Matches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}
