using SagaFunctions.Participants;
using SagaFunctions.Standalone.Choreography;
using SagaFunctions.Standalone.Operations;
using SagaFunctions.Standalone.RuntimeHosting;

namespace SagaFunctions.Standalone;

/// <summary>Maps everything Standalone serves on one base URL.</summary>
public static class StandaloneEndpointExtensions
{
    public static WebApplication MapStandalone(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStandalonePipeline();
        app.MapSagaHttpContract();
        app.MapSagaOperations();
        app.MapChoreographies();
        app.MapParticipants();
        app.MapOpenApi();
        app.MapSagaMetrics();

        // The start page is the API description; the monitor page is at /monitor.
        app.MapGet("/", () => Results.Redirect(StandalonePipelineExtensions.ApiDescriptionPath))
            .ExcludeFromDescription();
        app.MapGet("/healthz", (EmbeddedRuntime embedded) => embedded.Runtime.Fault is null
                ? Results.Ok(new { status = "healthy" })
                : Results.Json(new { status = "unhealthy", error = embedded.Runtime.Fault.Message }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health")
            .WithName("health");
        return app;
    }
}
