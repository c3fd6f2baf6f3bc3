using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>URLs built from the request itself, so links point at whatever host and port the caller used.</summary>
public static class RequestUrls
{
    /// <summary><c>scheme://host[:port][/pathBase]</c> of the request.</summary>
    public static string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }
}
