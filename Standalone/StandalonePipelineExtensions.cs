using Microsoft.AspNetCore.Diagnostics;

namespace SagaFunctions.Standalone;

/// <summary>The request pipeline shared by the app and its contract tests.</summary>
public static class StandalonePipelineExtensions
{
    /// <summary>Where <c>GET /</c> and the error hints point: the OpenAPI description of every route.</summary>
    public const string ApiDescriptionPath = "/openapi/v1.json";

    /// <summary>
    /// Problem details for unhandled exceptions and for empty error responses (unknown routes, wrong methods: with a hint
    /// naming the allowed methods or the API description), then the API-key check.
    /// </summary>
    public static IApplicationBuilder UseStandalonePipeline(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteProblemAsync);
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }

    private static async Task WriteProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var path = request.Path.Value;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {path}; allowed: {http.Response.Headers.Allow}. Every route is listed at {ApiDescriptionPath}.",
            StatusCodes.Status404NotFound => $"No route matches {request.Method} {path}. Every route is listed at {ApiDescriptionPath}.",
            _ => null,
        };

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = http.Response.StatusCode, Detail = detail },
            AdditionalMetadata = http.GetEndpoint()?.Metadata,
        });
    }
}
