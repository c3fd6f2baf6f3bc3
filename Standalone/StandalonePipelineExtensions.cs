namespace SagaFunctions.Standalone;

/// <summary>The request pipeline shared by the app and its contract tests.</summary>
public static class StandalonePipelineExtensions
{
    /// <summary>
    /// Problem details for unhandled exceptions and for empty error responses (unknown routes, wrong methods), then the
    /// API-key check for mutating routes.
    /// </summary>
    public static IApplicationBuilder UseStandalonePipeline(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }
}
